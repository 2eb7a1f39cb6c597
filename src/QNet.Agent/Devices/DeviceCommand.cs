namespace QNet.Agent.Devices;

/// <summary>A command the control plane sends to a node's devices.</summary>
internal abstract record DeviceCommand(string Id);

/// <summary>Zero the calibration offset of <paramref name="Device"/> (empty: every device).</summary>
internal sealed record CalibrateCommand(string Id, string Device) : DeviceCommand(Id);

/// <summary>Clear a detector's counters and dead-time state.</summary>
internal sealed record ResetDetectorCommand(string Id, string Device) : DeviceCommand(Id);

/// <summary>Set parameter <paramref name="Name"/> of <paramref name="Device"/> to <paramref name="Value"/> in its base unit.</summary>
internal sealed record SetParameterCommand(string Id, string Device, string Name, double Value) : DeviceCommand(Id);

/// <summary>Report every device's parameters and state.</summary>
internal sealed record ReportStateCommand(string Id) : DeviceCommand(Id);

/// <summary>How a command went: done or refused with a message, and for report-state the state (device.parameter → value).</summary>
internal sealed record CommandOutcome(bool Ok, string Message, IReadOnlyDictionary<string, double> State)
{
    public static CommandOutcome Done(string message, IReadOnlyDictionary<string, double>? state = null) => new(true, message, state ?? new Dictionary<string, double>());

    public static CommandOutcome Refused(string message) => new(false, message, new Dictionary<string, double>());
}

/// <summary>Carries out commands on a node's devices.</summary>
internal interface IDeviceControl
{
    CommandOutcome Execute(DeviceCommand command, DateTimeOffset now);
}
