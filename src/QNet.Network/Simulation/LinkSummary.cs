namespace QNet.Network.Simulation;

/// <summary>A link's figures over all runs: means with standard errors, and the model's expectations.</summary>
public sealed record LinkSummary(
    string Id,
    string Scheme,
    Estimate Attempts,
    Estimate Pairs,
    Estimate PairsPerSecond,
    Estimate SuccessProbability,
    Estimate MeanFidelity,
    Estimate MeanHeraldingLatencySeconds,
    double ExpectedSuccessProbability,
    double ExpectedPairsPerSecond,
    double ExpectedFidelity)
{
    /// <summary>Summarises the same link across runs.</summary>
    public static LinkSummary Of(IReadOnlyList<LinkReport> runs)
    {
        LinkReport first = runs[0];
        return new LinkSummary(
            first.Id,
            first.Scheme,
            Estimate.Of(runs.Select(r => (double)r.Attempts)),
            Estimate.Of(runs.Select(r => (double)r.Pairs)),
            Estimate.Of(runs.Select(r => r.PairsPerSecond)),
            Estimate.Of(runs.Select(r => r.SuccessProbability)),
            Estimate.Of(runs.Select(r => r.MeanFidelity)),
            Estimate.Of(runs.Select(r => r.MeanHeraldingLatencySeconds)),
            first.ExpectedSuccessProbability,
            first.ExpectedPairsPerSecond,
            first.ExpectedFidelity);
    }
}
