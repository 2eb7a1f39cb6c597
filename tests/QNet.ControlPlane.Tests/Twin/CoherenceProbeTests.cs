using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Physics.Hardware;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// M5 is measured: the probe's estimates scatter around the true T2 (and T1) with the standard error its shot count
/// implies, and follow a T2 drop within a few probes.
/// </summary>
public sealed class CoherenceProbeTests
{
    private const int Probes = 400;

    [Theory]
    [InlineData(true, 10.0)]
    [InlineData(false, 100.0)]
    public void Estimate_WaitAtTheTrueTime_MeanWithinFiveStandardErrorsAndNoiseAsStated(bool ramsey, double trueSeconds)
    {
        var random = new RandomStream(2026);

        var estimates = Enumerable.Range(0, Probes).Select(_ => CoherenceProbe.Estimate(trueSeconds, trueSeconds, CoherenceProbe.Shots, random, ramsey)).ToArray();

        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (Probes - 1));
        // Five standard errors of the mean: a false failure has probability below 10⁻⁶; the estimator's bias
        // (second order in σ_x, about 0.1 % of T at 4,000 shots) is far inside it.
        Assert.True(Math.Abs(mean - trueSeconds) < 5 * sd / Math.Sqrt(Probes), $"mean {mean} vs {trueSeconds} (sd {sd})");
        // Per-estimate noise as the shot count implies: σ_x / (x·|ln x|) at w = T, x = e^(−1):
        // Ramsey σ_x = 2·√(p(1−p)/N), p = (1 + e^(−1))/2; relaxation σ_x = √(p(1−p)/N), p = e^(−1).
        double p = ramsey ? (1 + Math.Exp(-1)) / 2 : Math.Exp(-1);
        double expected = (ramsey ? 2 : 1) * Math.Sqrt(p * (1 - p) / CoherenceProbe.Shots) / Math.Exp(-1) * trueSeconds;
        // The sample sd of 400 draws is within ±20 % of σ with overwhelming probability (its relative sd is 1/√800 = 3.5 %).
        Assert.InRange(sd, 0.8 * expected, 1.2 * expected);
    }

    [Fact]
    public void RunDue_T2DropsToAThird_EstimatesFollowWithinFiveStandardErrors()
    {
        var simulator = new Simulator(7);
        var probe = new CoherenceProbe(simulator);
        var memory = new QuantumMemory(4, T1Seconds: 100, T2Seconds: 10);
        var before = new List<double>();
        var after = new List<double>();

        for (int minute = 0; minute < 40; minute++)
        {
            simulator.RunUntil(SimTime.FromSeconds(60 * minute));
            var current = minute < 20 ? memory : new QuantumMemory(4, T1Seconds: 100, T2Seconds: 10.0 / 3);
            Assert.True(probe.RunDue([("node-a", current)]));
            (minute < 20 ? before : after).Add(probe.Estimates["node-a"].T2Seconds);
        }

        // The first estimate after the drop waits the old T2 (3 decay times, noisier); from the next one the wait has
        // followed. Each estimate has about 4 % relative standard error at a wait near T2 (see the theory above).
        var settled = after.Skip(3).ToArray();
        Assert.True(Math.Abs(before.Average() - 10) < 5 * 0.04 * 10 / Math.Sqrt(before.Count), $"before: {before.Average()}");
        Assert.True(Math.Abs(settled.Average() - (10.0 / 3)) < 5 * 0.04 * (10.0 / 3) / Math.Sqrt(settled.Length), $"after: {settled.Average()}");
        Assert.False(probe.RunDue([("node-a", memory)]));
    }

    [Fact]
    public void Estimate_MemoryWithoutDecoherence_ReadsInfinite()
    {
        Assert.Equal(double.PositiveInfinity, CoherenceProbe.Estimate(double.PositiveInfinity, 1, CoherenceProbe.Shots, new RandomStream(1), ramsey: true));
    }
}
