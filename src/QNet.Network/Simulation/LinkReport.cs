namespace QNet.Network.Simulation;

/// <summary>What one link did in one run, beside what theory expects of it.</summary>
/// <param name="Id">Link id.</param>
/// <param name="Scheme">Heralding scheme.</param>
/// <param name="Attempts">Attempts whose outcome was known by the end.</param>
/// <param name="Pairs">Heralded pairs.</param>
/// <param name="PairsPerSecond">Pairs per simulated second.</param>
/// <param name="SuccessProbability">Pairs over attempts.</param>
/// <param name="MeanFidelity">Mean fidelity of the pairs at herald time (NaN without pairs).</param>
/// <param name="MeanHeraldingLatencySeconds">Mean time from emission to herald (NaN without pairs).</param>
/// <param name="ExpectedSuccessProbability">The model's per-attempt success probability.</param>
/// <param name="ExpectedPairsPerSecond">The model's rate over all channels, p/τ × channels.</param>
/// <param name="ExpectedFidelity">The model's fidelity at herald.</param>
public sealed record LinkReport(
    string Id,
    string Scheme,
    long Attempts,
    long Pairs,
    double PairsPerSecond,
    double SuccessProbability,
    double MeanFidelity,
    double MeanHeraldingLatencySeconds,
    double ExpectedSuccessProbability,
    double ExpectedPairsPerSecond,
    double ExpectedFidelity);
