using QNet.Network.Planning;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Planning;

public sealed class PlannerTests
{
    // 20 km of abstract links (p = fiber transmittance, τ = 2L/c, Werner fidelity 0.99) so each design simulates in milliseconds.
    private static PlanRequest Request(double target) => new(20_000)
    {
        TargetFidelity = target,
        Repeaters = [0, 1],
        Attenuations = [0.2, 0.16],
        T2Seconds = [1],
        Heralding = HeraldingScheme.Probabilistic,
        DurationSeconds = 0.2,
        Runs = 2,
        Seed = 5,
    };

    [Fact]
    public void Run_CraftedCosts_PicksTheCheapestDesignMeetingTheTarget()
    {
        // Target 0.985: a direct 0.99 link meets it; one swap of two 0.99 Werner pairs gives at most 0.980 → pruned.
        PlanResult result = Planner.Run(Request(0.985), CostModelTests.Crafted());

        Assert.Equal(4, result.Rows.Count);
        Assert.All(result.Rows.Where(r => r.Design.Repeaters == 1), r =>
        {
            Assert.Equal(PlanStatus.Pruned, r.Status);
            Assert.Contains("below the target", r.Reason);
        });
        var simulated = result.Rows.Where(r => r.Status == PlanStatus.Simulated).ToArray();
        Assert.Equal(2, simulated.Length);
        Assert.All(simulated, r =>
        {
            Assert.True(r.UsableRateHz.Mean > 0);
            Assert.True(r.MeanFidelity.Mean >= 0.985);
            Assert.Equal(r.YearlyCost / (r.UsableRateHz.Mean * CostModel.SecondsPerYear), r.CostPerPair, 12);
        });
        // The 0.16 dB/km fiber costs 10× more per km for about 20 % more rate: the standard fiber wins.
        Assert.Equal(new PlanDesign(0, 0.2, 1, null), result.Recommended!.Design);
        Assert.True(result.Recommended.Pareto);
    }

    [Fact]
    public void Run_AnyThreadCount_SameFigures()
    {
        PlanResult one = Planner.Run(Request(0.9), CostModelTests.Crafted(), maxDegreeOfParallelism: 1);
        PlanResult many = Planner.Run(Request(0.9), CostModelTests.Crafted(), maxDegreeOfParallelism: 3);
        Assert.Equal(one.Rows.Select(r => (r.Status, r.UsableRateHz, r.MeanFidelity)), many.Rows.Select(r => (r.Status, r.UsableRateHz, r.MeanFidelity)));
        Assert.Equal(4, one.Rows.Count(r => r.Status == PlanStatus.Simulated)); // target 0.9: every design is simulated
    }

    [Fact]
    public void Run_UnreachableMinimumRate_RecommendsNothing()
    {
        PlanResult result = Planner.Run(Request(0.9) with { Repeaters = [0], Attenuations = [0.2], MinRateHz = 1e9 }, CostModelTests.Crafted());
        Assert.Null(result.Recommended);
        Assert.Equal(PlanStatus.Simulated, result.Rows.Single().Status);
    }

    [Fact]
    public void Run_NoFiberClass_FailsThatDesignWithTheReason()
    {
        PlanResult result = Planner.Run(Request(0.9) with { Repeaters = [0], Attenuations = [0.1] }, CostModelTests.Crafted());
        PlanRow row = result.Rows.Single();
        Assert.Equal(PlanStatus.Failed, row.Status);
        Assert.Contains("no fiber class", row.Reason);
    }
}
