namespace QNet.Agent.Devices;

/// <summary>One device of a node as the agent registers it.</summary>
internal sealed record DeviceInfo(string Id, DeviceKind Kind);

/// <summary>What a device is.</summary>
internal enum DeviceKind
{
    Detector,
    Memory,
    Source,
}
