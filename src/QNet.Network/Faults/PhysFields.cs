using QNet.Network.Scenarios;

namespace QNet.Network.Faults;

/// <summary>
/// The fault kinds whose effect is a field of the link and node physics models (visibility, detector background,
/// processing delay). Until those fields exist in this build, <see cref="Supported"/> refuses these kinds, so a fault
/// is never accepted without its physical effect.
/// </summary>
internal static class PhysFields
{
    /// <summary>False for kinds whose model field this build does not have yet.</summary>
    public static bool Supported(FaultKind kind) => kind is not (FaultKind.VisibilityDrop or FaultKind.DetectorBackground or FaultKind.ControlDelay);

    public static LinkSpec Link(LinkSpec spec, IEnumerable<ActiveFault> faults) => spec;

    public static NodeSpec Node(NodeSpec spec, IEnumerable<ActiveFault> faults) => spec;
}
