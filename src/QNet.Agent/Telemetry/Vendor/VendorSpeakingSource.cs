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
        var result = normalizer.Normalize(payload);
        foreach (var line in result.Rejected)
        {
            log($"{mapping.Vendor}: refused {line}");
        }

        return new TelemetryReading([.. result.Samples, .. normalizer.AccountingSamples()], reading.Heralds);
    }
}
