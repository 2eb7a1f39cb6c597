using QNet.Agent.Protocol.V1;

namespace QNet.Agent.Client;

/// <summary>
/// The agent protocol's version as the agent's public surface gives it; the numbers and the compatibility rule live
/// once, beside the contract (proto/qnet/agent/v1/ProtocolVersion.Current.cs), shared with the control plane.
/// </summary>
public static class AgentProtocol
{
    /// <summary>Major version: the <c>v1</c> in the package name.</summary>
    public const uint Major = ProtocolVersion.CurrentMajor;

    /// <summary>Minor version: fields added within the major.</summary>
    public const uint Minor = ProtocolVersion.CurrentMinor;

    /// <summary>The version as <c>major.minor</c>.</summary>
    public static string Text => ProtocolVersion.CurrentText;

    /// <summary>
    /// Null when a peer of version <paramref name="peerMajor"/>.<paramref name="peerMinor"/> can speak to this one
    /// (<paramref name="ownMajor"/>); else the refusal naming both versions.
    /// </summary>
    public static string? Incompatibility(string peerRole, uint peerMajor, uint peerMinor, string ownRole, uint ownMajor = Major, uint ownMinor = Minor) =>
        ProtocolVersion.Incompatibility(peerRole, peerMajor, peerMinor, ownRole, ownMajor, ownMinor);

    internal static ProtocolVersion Current => ProtocolVersion.Current;
}
