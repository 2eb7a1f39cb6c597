namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// A telemetry source that speaks a vendor's format: each read of the inner source (the device emulator) is written
/// as the vendor would write it (<see cref="VendorPayloadWriter"/>) and read back through the vendor mapping
/// (<see cref="TelemetryNormalizer"/>), so an emulated site exercises the same normalization a real controller's
/// payloads go through. The normalizer's running counts of unknown metrics and refused lines ride along as counter
/// samples; refused lines are also logged with their line and reason. Heralding events pass through unchanged.
/// </summary>
internal sealed class VendorSpeakingSource(ITelemetrySource inner, VendorMapping mapping, TelemetryNormalizer normalizer, Action<string> log) : ITelemetrySource
{
    public IReadOnlyList<Devices.DeviceInfo> Devices => inner.Devices;

    public TelemetryReading Read(DateTimeOffset now)
    {
        var reading = inner.Read(now);
        var payload = VendorPayloadWriter.Write(mapping, reading.Samples);
        return new TelemetryReading(Normalize(payload, mapping, normalizer, log), reading.Heralds);
    }

    /// <summary>A vendor payload's samples in QNet's terms, with the normalizer's running counts; refused lines are logged.</summary>
    internal static IReadOnlyList<TelemetrySample> Normalize(string payload, VendorMapping mapping, TelemetryNormalizer normalizer, Action<string> log)
    {
        var result = normalizer.Normalize(payload);
        foreach (var line in result.Rejected)
        {
            log($"{mapping.Vendor}: refused {line}");
        }

        return [.. result.Samples, .. normalizer.AccountingSamples()];
    }
}
