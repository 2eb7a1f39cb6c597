namespace QNet.ControlPlane.Agents;

/// <summary>
/// The agent protocol version this control plane speaks (proto/qnet/agent/v1/agent.proto; QNet.Agent keeps the same
/// numbers in its <c>AgentProtocol</c>, the two projects share only the .proto). It serves every minor of its major.
/// </summary>
internal static class AgentProtocolVersion
{
    public const uint Major = 1;
    public const uint Minor = 0;

    /// <summary>Null when an agent of <paramref name="major"/>.<paramref name="minor"/> is served; else the refusal naming both versions.</summary>
    public static string? Refusal(uint major, uint minor) => major == Major
        ? null
        : $"incompatible agent protocol: the agent speaks version {major}.{minor}, the control plane speaks version {Major}.{Minor} (only the same major version is compatible)";
}
