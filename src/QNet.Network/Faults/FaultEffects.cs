using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.Network.Faults;

/// <summary>
/// A target's spec under its active faults, recomputed from the base spec each time, so faults stack and clear in any
/// order: attenuation steps and background rates add, factors multiply, visibility takes the lowest, drifts grow with
/// the hours since the later of their start and the target's last calibration.
/// </summary>
internal static class FaultEffects
{
    /// <summary>Most misalignment a drift reaches (fully random polarisation).</summary>
    public const double MaxMisalignment = 0.5;

    /// <summary>The link's spec under <paramref name="faults"/> (active ones on this link) at <paramref name="nowSeconds"/>.</summary>
    public static LinkSpec Link(LinkSpec baseSpec, IEnumerable<ActiveFault> faults, double nowSeconds, double calibratedAtSeconds)
    {
        LinkSpec spec = baseSpec;
        double step = 0, drift = 0;
        foreach (ActiveFault f in faults)
        {
            switch (f.Spec.Kind)
            {
                case FaultKind.AttenuationStep:
                    step += f.Spec.Magnitude;
                    break;
                case FaultKind.CalibrationDrift:
                    // Each drift adds its own rate over its own hours: a fast drift injected hours after the last
                    // calibration starts from zero then, beside the device's slow ageing that has run since the calibration.
                    double since = Math.Max(f.StartedSeconds!.Value, calibratedAtSeconds);
                    drift += f.Spec.Magnitude * Math.Max(0, nowSeconds - since) / 3600;
                    break;
            }
        }
        if (step > 0)
        {
            spec = spec with { AttenuationDbPerKm = spec.AttenuationDbPerKm + step };
        }
        if (drift > 0)
        {
            Detector d = spec.Detector ?? new Detector();
            double misalignment = Math.Min(MaxMisalignment, d.Misalignment + drift);
            spec = spec with { Detector = d with { Misalignment = misalignment } };
        }
        return PhysFields.Link(spec, faults);
    }

    /// <summary>The node's spec under <paramref name="faults"/> (active ones on this node or on every node) at <paramref name="nowSeconds"/>.</summary>
    public static NodeSpec Node(NodeSpec baseSpec, IEnumerable<ActiveFault> faults, double nowSeconds)
    {
        double t2 = 1, t1 = 1, gate = 0, success = 1;
        foreach (ActiveFault f in faults)
        {
            double m = f.Spec.Magnitude;
            switch (f.Spec.Kind)
            {
                case FaultKind.MemoryT2Drop:
                    t2 *= m;
                    break;
                case FaultKind.MemoryT1Drop:
                    t1 *= m;
                    break;
                case FaultKind.TemperatureDrift:
                    t2 *= Math.Pow(1 - m, Math.Max(0, nowSeconds - f.StartedSeconds!.Value) / 3600);
                    break;
                case FaultKind.SwapDegradation:
                    // Two depolarising channels compose: the fidelity-keeping weights multiply.
                    gate = 1 - (1 - gate) * (1 - m);
                    success *= 1 - m;
                    break;
            }
        }
        NodeSpec spec = baseSpec;
        if (t1 != 1 || t2 != 1)
        {
            QuantumMemory m = spec.Memory;
            double newT1 = m.T1Seconds * t1;
            // A memory cannot dephase slower than it relaxes: T2 ≤ 2·T1.
            double newT2 = Math.Min(m.T2Seconds * t2, 2 * newT1);
            // The smallest positive double keeps the memory valid when a drift has run for a very long time.
            spec = spec with { Memory = new QuantumMemory(m.Slots, newT1, Math.Max(newT2, double.Epsilon), m.Efficiency) };
        }
        if (gate > 0 && spec.Swap is { } swap)
        {
            BellStateMeasurement b = swap.Measurement;
            var degraded = swap with { Measurement = new BellStateMeasurement(b.SuccessProbability * success, 1 - (1 - b.GateDepolarizing) * (1 - gate), b.ReadoutError) };
            spec = new NodeSpec(spec.Id, spec.Kind, spec.Memory, degraded);
        }
        return PhysFields.Node(spec, faults);
    }
}
