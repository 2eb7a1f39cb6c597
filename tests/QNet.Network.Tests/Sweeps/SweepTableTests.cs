using QNet.Network.Sweeps;

namespace QNet.Network.Tests.Sweeps;

public sealed class SweepTableTests
{
    // A two-session chain: sessions exercise outcomes, reasons and every summarised figure.
    private const string Chain = """
        name: chain
        seed: 5
        duration: 0.3s
        nodes:
          - { id: a, kind: end, memory: { slots: 2 } }
          - { id: r, kind: repeater, memory: { slots: 4, t2: 1s } }
          - { id: b, kind: end, memory: { slots: 2 } }
        links:
          - { id: a-r, between: [a, r], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.98 }
          - { id: r-b, between: [r, b], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.98 }
        sessions:
          - { id: s1, source: a, destination: b, minFidelity: 0.5 }
        """;

    private static SweepParameter P(string text) => SweepParameter.TryParse(text, out string error) ?? throw new InvalidOperationException(error);

    private static readonly SweepParameter[] Grid = [P("links.*.successProbability=0.1,0.3"), P("nodes.r.memory.t2=0.1s,1s,10s")];

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(13)]
    public void TryCombine_ShardsOfAnyCount_EqualTheWholeRunAndTheFullSummary(int count)
    {
        SweepShardResult whole = SweepRunner.RunShard(Chain, "chain.yaml", Grid, SweepShard.Whole, runs: 2, maxDegreeOfParallelism: 1);
        var shards = Enumerable.Range(0, count).Select(i => SweepRunner.RunShard(Chain, "chain.yaml", Grid, new SweepShard(i, count), runs: 2)).ToArray();
        SweepTable expected = SweepTable.TryCombine(Grid, 2, whole.DurationSeconds, whole.Figures, out _)!;
        // Shards given in reverse order: the table is in grid order whatever the order of its parts.
        SweepTable merged = SweepTable.TryCombine(Grid, 2, shards[0].DurationSeconds, shards.Reverse().SelectMany(s => s.Figures), out string error)!;
        Assert.Equal("", error);
        Assert.Equal(Fingerprint(expected), Fingerprint(merged));

        // The figures a sweep keeps summarise to what the full per-run summary gives.
        SweepResult full = SweepRunner.Run(Chain, "chain.yaml", Grid, runs: 2);
        for (int p = 0; p < full.Points.Count; p++)
        {
            var s = full.Points[p].Summary!.Sessions[0];
            var m = merged.Points[p].Sessions[0];
            Assert.Equal(s.PairsPerSecond, m.PairsPerSecond);
            Assert.Equal(s.MeanFidelity, m.MeanFidelity);
            Assert.Equal(s.TimeToFirstPairSeconds, m.TimeToFirstPairSeconds);
            Assert.Equal(s.Outcomes, m.Outcomes);
            Assert.Equal(full.Points[p].Summary!.Links[1].PairsPerSecond, merged.Points[p].Links[1].PairsPerSecond);
        }
    }

    [Fact]
    public void TryCombine_MissingRun_NamesPointAndRun()
    {
        var figures = SweepRunner.RunShard(Chain, "chain.yaml", Grid, SweepShard.Whole, runs: 2).Figures.Where(f => !(f.Point == 4 && f.Run == 1));
        Assert.Null(SweepTable.TryCombine(Grid, 2, 0.3, figures, out string error));
        Assert.Equal("point 4 run 1 is missing", error);
    }

    [Fact]
    public void TryCombine_RepeatedRun_NamesPointAndRun()
    {
        var figures = SweepRunner.RunShard(Chain, "chain.yaml", Grid, SweepShard.Whole, runs: 2).Figures;
        Assert.Null(SweepTable.TryCombine(Grid, 2, 0.3, figures.Append(figures[3]), out string error));
        Assert.Equal("point 1 run 1 appears twice", error);
    }

    private static string Fingerprint(SweepTable table) => string.Join("\n", table.Points.Select(p =>
        $"{p.Index} {string.Join(",", p.Values)} {p.Error} " +
        string.Join(";", p.Links.Select(l => $"{l.Id}:{l.PairsPerSecond}:{l.MeanFidelity}")) + " " +
        string.Join(";", p.Sessions.Select(s => $"{s.Id}:{s.Pairs}:{s.PairsPerSecond}:{s.MeanFidelity}:{s.TimeToFirstPairSeconds}:{string.Join(",", s.Outcomes)}:{string.Join(",", s.Reasons)}"))));
}
