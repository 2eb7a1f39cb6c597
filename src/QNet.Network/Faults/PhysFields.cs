using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Faults;

/// <summary>
/// The fault kinds whose effect is a field of the link and node physics models: two-photon interference visibility
/// (F2), background light on the detectors (F5) and a node's classical processing delay (F4). Each is recomputed from
/// the base spec and the active faults, like the others: visibility takes the lowest, backgrounds and delays add.
/// </summary>
internal static class PhysFields
{
    /// <summary>The link's spec with its active visibility drops and detector backgrounds.</summary>
    public static LinkSpec Link(LinkSpec spec, IEnumerable<ActiveFault> faults)
    {
        double visibility = spec.Visibility, background = 0;
        foreach (ActiveFault f in faults)
        {
            switch (f.Spec.Kind)
            {
                case FaultKind.VisibilityDrop:
                    visibility = Math.Min(visibility, f.Spec.Magnitude);
                    break;
                case FaultKind.DetectorBackground:
                    background += f.Spec.Magnitude;
                    break;
            }
        }
        if (visibility < spec.Visibility)
        {
            spec = spec with { Visibility = visibility };
        }
        if (background > 0)
        {
            Detector d = spec.Detector ?? new Detector();
            spec = spec with { Detector = d with { BackgroundRateHz = d.BackgroundRateHz + background } };
        }
        return spec;
    }

    /// <summary>The node's spec with its active control delays (on this node or on every node).</summary>
    public static NodeSpec Node(NodeSpec spec, IEnumerable<ActiveFault> faults)
    {
        double delay = faults.Where(f => f.Spec.Kind == FaultKind.ControlDelay).Sum(f => f.Spec.Magnitude);
        return delay > 0 ? spec with { ProcessingDelaySeconds = spec.ProcessingDelaySeconds + delay } : spec;
    }
}
