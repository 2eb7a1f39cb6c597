using QNet.Agent.Protocol.V1;

namespace QNet.Agent.Client;

/// <summary>
/// The agent protocol's version (proto/qnet/agent/v1/agent.proto): peers of the same major speak to each other
/// whatever their minors (fields are only ever added within a major); another major is refused by both sides.
/// </summary>
public static class AgentProtocol
{
    /// <summary>Major version: the <c>v1</c> in the package name.</summary>
    public const uint Major = 1;

    /// <summary>Minor version: fields added within the major.</summary>
    public const uint Minor = 0;

    /// <summary>The version as <c>major.minor</c>.</summary>
    public static string Text => $"{Major}.{Minor}";

    /// <summary>
    /// Null when a peer of version <paramref name="peerMajor"/>.<paramref name="peerMinor"/> can speak to this one
    /// (<paramref name="ownMajor"/>); else the refusal naming both versions.
    /// </summary>
    public static string? Incompatibility(string peerRole, uint peerMajor, uint peerMinor, string ownRole, uint ownMajor = Major, uint ownMinor = Minor) =>
        peerMajor == ownMajor
            ? null
            : $"incompatible agent protocol: the {peerRole} speaks version {peerMajor}.{peerMinor}, the {ownRole} speaks version {ownMajor}.{ownMinor} (only the same major version is compatible)";

    internal static ProtocolVersion Current => new() { Major = Major, Minor = Minor };
}
