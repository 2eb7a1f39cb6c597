using QNet.Agent.Emulation;
using QNet.Kernel;

namespace QNet.Agent.Tests.Emulation;

/// <summary>The memory's Ramsey T2 estimate against its stated standard error.</summary>
public sealed class EmulatedMemoryTests
{
    [Fact]
    public void Measure_WaitNearT2_EstimateWithinFiveStandardErrors()
    {
        var memory = new EmulatedMemory("m", 0.5, new RandomStream(1));

        var m = memory.Measure();

        Assert.InRange(m.Seconds, 0.5 - 5 * m.StandardErrorSeconds, 0.5 + 5 * m.StandardErrorSeconds);
        // Stated noise: about 2.5 % at 10,000 shots and w = T2 (2·√(p(1−p)/N)/(x·|ln x|), x = 1/e).
        double stated = 2 * Math.Sqrt(0.684 * 0.316 / EmulatedMemory.Shots) / Math.Exp(-1) * 0.5;
        Assert.InRange(m.StandardErrorSeconds / stated, 0.85, 1.15);
    }

    [Fact]
    public void Measure_ManyEstimates_SpreadMatchesStatedStandardError()
    {
        var memory = new EmulatedMemory("m", 2.0, new RandomStream(2));
        var estimates = Enumerable.Range(0, 400).Select(_ => memory.Measure()).ToList();

        double mean = estimates.Average(e => e.Seconds);
        double sd = Math.Sqrt(estimates.Sum(e => (e.Seconds - mean) * (e.Seconds - mean)) / (estimates.Count - 1));
        double stated = estimates.Average(e => e.StandardErrorSeconds);

        // The mean of 400 estimates is within 5 standard errors of the mean (σ/√400) of the truth; the sample spread
        // of 400 draws is within ±25 % of σ (its own relative error is about 1/√(2·399) = 3.5 %, so 7 of those).
        Assert.InRange(mean, 2.0 - 5 * stated / 20, 2.0 + 5 * stated / 20);
        Assert.InRange(sd / stated, 0.75, 1.25);
    }

    [Fact]
    public void Measure_AfterT2Drop_FollowsTheNewValue()
    {
        var memory = new EmulatedMemory("m", 1.0, new RandomStream(3));
        memory.Measure();

        memory.CoherenceSeconds = 0.1; // a tenfold drop: the first wait (1 s) is far too long, the estimate adapts
        CoherenceMeasurement last = memory.Measure();
        for (int i = 0; i < 5; i++)
        {
            last = memory.Measure();
        }

        Assert.InRange(last.Seconds, 0.1 - 5 * last.StandardErrorSeconds, 0.1 + 5 * last.StandardErrorSeconds);
    }

    [Fact]
    public void From_AllQubitsDecohered_ReportsZeroNotNaN()
    {
        var m = CoherenceMeasurement.From(1.0, plus: 5000, shots: 10_000);

        Assert.Equal(0, m.Seconds);
    }
}
