// Compiled into both QNet.Agent and QNet.ControlPlane beside the code Grpc.Tools generates from agent.proto (each
// project links this file), so the protocol's version is written once, next to the contract it versions.
namespace QNet.Agent.Protocol.V1;

/// <summary>
/// The version of the agent protocol in agent.proto: peers of the same major speak to each other whatever their minors
/// (fields are only ever added within a major); another major is refused by both sides. Bump <see cref="CurrentMinor"/>
/// when a field is added, <see cref="CurrentMajor"/> (and the package's <c>v1</c>) when a change breaks old peers.
/// </summary>
internal sealed partial class ProtocolVersion
{
    /// <summary>Major version: the <c>v1</c> in the package name.</summary>
    public const uint CurrentMajor = 1;

    /// <summary>Minor version: fields added within the major.</summary>
    public const uint CurrentMinor = 0;

    /// <summary>The version this build speaks, as a new message.</summary>
    public static ProtocolVersion Current => new() { Major = CurrentMajor, Minor = CurrentMinor };

    /// <summary>The version as <c>major.minor</c>.</summary>
    public static string CurrentText => $"{CurrentMajor}.{CurrentMinor}";

    /// <summary>
    /// Null when a peer of version <paramref name="peerMajor"/>.<paramref name="peerMinor"/> can speak to this one
    /// (<paramref name="ownMajor"/>); else the refusal naming both versions and both roles.
    /// </summary>
    public static string? Incompatibility(string peerRole, uint peerMajor, uint peerMinor, string ownRole, uint ownMajor = CurrentMajor, uint ownMinor = CurrentMinor) =>
        peerMajor == ownMajor
            ? null
            : $"incompatible agent protocol: the {peerRole} speaks version {peerMajor}.{peerMinor}, the {ownRole} speaks version {ownMajor}.{ownMinor} (only the same major version is compatible)";
}
