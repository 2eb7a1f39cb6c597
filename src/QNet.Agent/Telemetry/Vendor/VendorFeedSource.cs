namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// A telemetry source fed by a real device controller (<c>qnet agent --vendor-feed</c>): each read takes what the
/// <see cref="IVendorFeed"/> has new and normalizes it through the vendor mapping, with the normalizer's running counts
/// of unknown metrics and refused lines. The devices registered (and the commands carried out) are the agent's device
/// model's (<paramref name="devices"/>): the feed brings telemetry only. A read that fails (the device answers an error,
/// the file cannot be read, no answer within <paramref name="readTimeout"/>) is logged and counted in
/// <see cref="FailedReads"/>, and the next tick tries again.
/// </summary>
internal sealed class VendorFeedSource(IVendorFeed feed, IReadOnlyList<Devices.DeviceInfo> devices, VendorMapping mapping, TelemetryNormalizer normalizer,
    TimeSpan readTimeout, Action<string> log) : ITelemetrySource
{
    private long _failedReads;

    public IReadOnlyList<Devices.DeviceInfo> Devices => devices;

    /// <summary>Reads of the feed that failed.</summary>
    public long FailedReads => Interlocked.Read(ref _failedReads);

    // Called by the agent's telemetry loop once per interval; the wait for the feed is bounded by the read timeout.
    public TelemetryReading Read(DateTimeOffset now)
    {
        string payload;
        try
        {
            using var timeout = new CancellationTokenSource(readTimeout);
            payload = feed.ReadAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failedReads);
            log($"{mapping.Vendor}: reading the feed failed ({(e is OperationCanceledException ? $"no answer within {readTimeout.TotalSeconds:0.#} s" : e.Message)}); trying again at the next read");
            return new TelemetryReading(normalizer.AccountingSamples(), []);
        }
        return new TelemetryReading(VendorSpeakingSource.Normalize(payload, mapping, normalizer, log), []);
    }
}
