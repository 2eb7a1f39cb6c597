using QNet.ControlPlane.Apis;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// <c>.status</c> of a <c>QuantumSession</c>: the admission decision (or refusal with the reason) and the live counters.
/// Fidelities 0..1, rate in delivered pairs per simulated second; rounded so that an unchanged session writes nothing.
/// </summary>
/// <param name="SessionId">Id of the session in the control plane.</param>
/// <param name="Phase">The outcome as the API names it (pending, running, degraded, suspended, refused, completed, failed, cancelled).</param>
/// <param name="Admitted">True once admitted.</param>
/// <param name="Reason">Why it was refused or failed; a request the API would refuse names the field (<c>source: ...</c>).</param>
/// <param name="Path">Nodes of its current path joined by <c>" > "</c>, or null.</param>
/// <param name="ExpectedFidelity">Admission estimate of the delivered fidelity.</param>
/// <param name="Pairs">Pairs delivered.</param>
/// <param name="PairsPerSecond">Delivered pairs per simulated second since admission (while it runs).</param>
/// <param name="MeanFidelity">Mean delivered fidelity.</param>
/// <param name="ObservedGeneration">metadata.generation this status answers.</param>
internal sealed record QuantumSessionStatus(string SessionId, string Phase, bool Admitted, string? Reason, string? Path, double? ExpectedFidelity, long Pairs,
    double? PairsPerSecond, double? MeanFidelity, long ObservedGeneration)
{
    // Four decimals: a fidelity or rate that moves in the fifth does not cost a status write.
    private const int Decimals = 4;

    /// <summary>The status of a session the control plane holds.</summary>
    public static QuantumSessionStatus Of(SessionView view, long generation) => new(view.Id, view.Outcome, view.Admitted, view.Reason,
        view.Path.Count == 0 ? null : string.Join(" > ", view.Path), Round(view.ExpectedFidelity), view.Pairs, Round(view.PairsPerSecond),
        Round(view.MeanFidelity), generation);

    /// <summary>The status of a request refused before it became a session (the problems the session API would answer with).</summary>
    public static QuantumSessionStatus Refused(string sessionId, IReadOnlyDictionary<string, string[]> problems, long generation) =>
        new(sessionId, "refused", false, string.Join("; ", problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"spec.{p.Key}: {string.Join(", ", p.Value)}")),
            null, null, 0, null, null, generation);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, Decimals) : null;
}
