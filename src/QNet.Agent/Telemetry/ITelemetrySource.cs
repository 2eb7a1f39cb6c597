using QNet.Agent.Devices;

namespace QNet.Agent.Telemetry;

/// <summary>
/// Where an agent's telemetry comes from: the device emulator today, a vendor adapter (Telemetry/Vendor/) or a real
/// device driver later. The agent calls <see cref="Read"/> once per telemetry interval and streams what it returns.
/// </summary>
internal interface ITelemetrySource
{
    /// <summary>The node's devices, registered with the control plane.</summary>
    IReadOnlyList<DeviceInfo> Devices { get; }

    /// <summary>The readings and heralding events since the last call, up to <paramref name="now"/>.</summary>
    TelemetryReading Read(DateTimeOffset now);
}

/// <summary>What one read of a telemetry source returned.</summary>
internal sealed record TelemetryReading(IReadOnlyList<TelemetrySample> Samples, IReadOnlyList<HeraldingEvent> Heralds)
{
    public static TelemetryReading Empty { get; } = new([], []);
}

/// <summary>One heralding attempt's outcome at detector <paramref name="Device"/>.</summary>
internal sealed record HeraldingEvent(string Device, bool Success, DateTimeOffset At);
