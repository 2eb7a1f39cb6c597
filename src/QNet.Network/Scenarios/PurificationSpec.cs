namespace QNet.Network.Scenarios;

/// <summary>A purification policy of a session.</summary>
/// <param name="Scheme"><c>scheme</c>: bbpssw or dejmps.</param>
/// <param name="Rounds"><c>rounds</c>: maximum number of rounds (≥ 1, default 1).</param>
/// <param name="Mode"><c>mode</c>: recurrence (default) or pumping.</param>
/// <param name="Scope"><c>scope</c>: end-to-end (default) or link.</param>
/// <param name="TargetFidelity"><c>targetFidelity</c>: stop purifying once a pair reaches it; null to always run every round.</param>
public sealed record PurificationSpec(
    PurificationScheme Scheme,
    int Rounds = 1,
    PurificationMode Mode = PurificationMode.Recurrence,
    PurificationScope Scope = PurificationScope.EndToEnd,
    double? TargetFidelity = null)
{
    /// <summary>Maximum rounds.</summary>
    public int Rounds { get; } = Rounds >= 1 ? Rounds : throw new ArgumentOutOfRangeException(nameof(Rounds), Rounds, "rounds must be at least 1.");

    /// <summary>Target fidelity, 0..1, or null.</summary>
    public double? TargetFidelity { get; } = SpecGuard.Optional(TargetFidelity, SpecGuard.Probability, "targetFidelity");
}
