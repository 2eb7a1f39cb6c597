using QNet.Network.Sweeps;

namespace QNet.Network.Tests.Sweeps;

public sealed class SweepRunnerTests
{
    // Link layer only (no sessions): each probabilistic link delivers p/τ pairs per second.
    private const string TwoLinks = """
        name: two
        seed: 11
        duration: 2s
        nodes:
          - { id: a, kind: end }
          - { id: r, kind: repeater }
          - { id: b, kind: end }
        links:
          - { id: a-r, between: [a, r], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.99 }
          - { id: r-b, between: [r, b], heralding: probabilistic, successProbability: 0.1, attemptDuration: 1ms, fidelity: 0.95 }
        """;

    private static SweepParameter P(string text) => SweepParameter.TryParse(text, out string error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void Run_AnyThreadCount_IdenticalResults()
    {
        SweepParameter[] ps = [P("links.*.successProbability=0.05,0.2"), P("links.r-b.attemptDuration=1ms,2ms")];
        SweepResult one = SweepRunner.Run(TwoLinks, "two.yaml", ps, runs: 3, maxDegreeOfParallelism: 1);
        SweepResult many = SweepRunner.Run(TwoLinks, "two.yaml", ps, runs: 3, maxDegreeOfParallelism: 4);
        Assert.Equal(4, one.Points.Count);
        Assert.Equal(Fingerprint(one), Fingerprint(many));
        Assert.Equal(["0.2", "1ms"], one.Points[2].Values); // last parameter varies fastest
    }

    [Fact]
    public void Run_RatesFollowTheSweptValue()
    {
        SweepResult r = SweepRunner.Run(TwoLinks, "two.yaml", [P("links.*.successProbability=0.05..0.25:0.1")], runs: 2);
        Assert.True(r.Succeeded);
        foreach (SweepPoint point in r.Points)
        {
            double p = point.Numbers[0];
            var link = point.Summary!.Links[0];
            // Pairs in 2 s of attempts at 1 ms: binomial(2000, p); its mean over 2 runs is within 5 standard errors of 2000p/2 s.
            double expected = p / 1e-3, sigma = Math.Sqrt(2000 * p * (1 - p) / 2) / 2;
            Assert.InRange(link.PairsPerSecond.Mean, expected - 5 * sigma, expected + 5 * sigma);
        }
    }

    [Fact]
    public void Run_SameRunIndex_SameSeedAtEveryPoint()
    {
        SweepResult r = SweepRunner.Run(TwoLinks, "two.yaml", [P("links.r-b.fidelity=0.9,0.95")], runs: 2);
        Assert.Equal(r.Points[0].Summary!.Runs.Select(x => x.Seed), r.Points[1].Summary!.Runs.Select(x => x.Seed));
        // Common random numbers: the fidelity does not change the draws, so a-r delivers identically.
        Assert.Equal(r.Points[0].Summary!.Runs.Select(x => x.Links[0].Pairs), r.Points[1].Summary!.Runs.Select(x => x.Links[0].Pairs));
    }

    [Fact]
    public void Run_BadOverride_StopsBeforeRunningWithTheField()
    {
        SweepResult r = SweepRunner.Run(TwoLinks, "two.yaml", [P("links.*.successProbability=0.5,2")]);
        Assert.False(r.Succeeded);
        Assert.Empty(r.Points);
        Assert.Equal(["links[0].successProbability", "links[1].successProbability"], r.Errors.Select(e => e.Field));
        Assert.All(r.Errors, e => Assert.Contains("(set by links.*.successProbability=2)", e.Message));
    }

    private static string Fingerprint(SweepResult r) => string.Join(";", r.Points.Select(p =>
        string.Join(",", p.Values) + ":" + string.Join(",", p.Summary!.Runs.SelectMany(run => run.Links.Select(l => $"{run.Seed}/{l.Pairs}/{l.Attempts}/{l.MeanFidelity:R}")))));
}
