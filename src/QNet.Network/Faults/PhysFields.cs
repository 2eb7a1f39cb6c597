using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Faults;

/// <summary>
/// The fault kinds whose effect is a field of the link and node physics models: visibility (F2), detector background
/// (F5) and node processing delay (F4). Visibility takes the lowest of the base and every drop; background rates and
/// delays add.
/// </summary>
internal static class PhysFields
{
    /// <summary>True for every kind this build models (all of them).</summary>
    public static bool Supported(FaultKind kind) => Enum.IsDefined(kind);

    public static LinkSpec Link(LinkSpec spec, IEnumerable<ActiveFault> faults)
    {
        double visibility = spec.Visibility, background = 0;
        foreach (ActiveFault f in faults)
        {
            if (f.Spec.Kind == FaultKind.VisibilityDrop)
            {
                visibility = Math.Min(visibility, f.Spec.Magnitude);
            }
            else if (f.Spec.Kind == FaultKind.DetectorBackground)
            {
                background += f.Spec.Magnitude;
            }
        }
        if (visibility != spec.Visibility)
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

    public static NodeSpec Node(NodeSpec spec, IEnumerable<ActiveFault> faults)
    {
        double delay = faults.Where(f => f.Spec.Kind == FaultKind.ControlDelay).Sum(f => f.Spec.Magnitude);
        return delay > 0 ? spec with { ProcessingDelaySeconds = spec.ProcessingDelaySeconds + delay } : spec;
    }
}
