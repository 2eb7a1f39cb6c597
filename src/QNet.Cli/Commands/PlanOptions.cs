using QNet.Network.Planning;
using QNet.Network.Scenarios;

namespace QNet.Cli.Commands;

/// <summary>Maps <c>qnet plan</c> options to a <see cref="PlanRequest"/>; failures are <see cref="ArgumentException"/>s naming the option.</summary>
internal static class PlanOptions
{
    public static PlanRequest ToRequest(PlanSettings s)
    {
        var request = new PlanRequest(TopologyOptions.Value(s.Distance ?? "", Dimension.Length, "--distance"));
        double[] attenuations = s.Attenuation is null ? [0.2] : TopologyOptions.Values(s.Attenuation, Dimension.Attenuation, "--attenuation");
        double[] t2 = s.T2 is null ? [1] : TopologyOptions.Values(s.T2, Dimension.Duration, "--t2", allowInfinite: true);
        if (attenuations.Any(a => a < 0) || t2.Any(t => t <= 0))
        {
            throw new ArgumentException("--attenuation must not be negative and --t2 must be greater than 0.");
        }
        Check(s.DetectorEfficiency, "--detector-efficiency", 0, 1);
        Check(s.SwapSuccess, "--swap-success", double.Epsilon, 1);
        Check(s.GateDepolarizing, "--gate-depolarizing", 0, 1);
        double? minRate = s.MinRate is null ? null : TopologyOptions.Value(s.MinRate, Dimension.Frequency, "--min-rate");
        return request with
        {
            TargetFidelity = s.TargetFidelity ?? request.TargetFidelity,
            Repeaters = s.Repeaters is null ? request.Repeaters : TopologyOptions.Integers(s.Repeaters, "--repeaters", 0, 1000),
            Attenuations = attenuations.Distinct().ToArray(),
            T2Seconds = t2.Distinct().ToArray(),
            Purifications = s.Purification is null ? request.Purifications
                : s.Purification.Split(',').Select(p => TopologyOptions.Purification(p, "--purification")).Distinct().ToArray(),
            Heralding = s.Heralding is null ? request.Heralding : TopologyOptions.Heralding(s.Heralding, "--heralding"),
            DetectorEfficiency = s.DetectorEfficiency ?? request.DetectorEfficiency,
            MemorySlotsPerLink = s.MemorySlots ?? request.MemorySlotsPerLink,
            SwapSuccess = s.SwapSuccess ?? request.SwapSuccess,
            GateDepolarizing = s.GateDepolarizing ?? request.GateDepolarizing,
            CutoffSeconds = s.Cutoff is null ? null : Positive(TopologyOptions.Value(s.Cutoff, Dimension.Duration, "--cutoff"), "--cutoff"),
            DurationSeconds = s.Duration is null ? request.DurationSeconds : TopologyOptions.Value(s.Duration, Dimension.Duration, "--duration"),
            Runs = s.Runs ?? request.Runs,
            Seed = s.Seed ?? request.Seed,
            MinRateHz = minRate ?? 0,
        };
    }

    private static void Check(double? value, string option, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            throw new ArgumentException($"{option} must lie in {(min > 0 ? "(0" : "[0")}, {max}] (got {v}).");
        }
    }

    private static double Positive(double value, string option) =>
        value > 0 && value <= Scenario.MaxDurationSeconds ? value : throw new ArgumentException($"{option} must be greater than 0 and at most 100 days.");
}
