using QNet.Network.Routing;

namespace QNet.Network.Sessions;

/// <summary>The scheduler's answer to a session request.</summary>
/// <param name="Admitted">True when the session was admitted.</param>
/// <param name="Reason">Why it was refused (null when admitted).</param>
/// <param name="Paths">The paths it will use (one, or one per GHZ party).</param>
/// <param name="Memory">Memory reserved on every path (null when refused).</param>
/// <param name="ExpectedFidelity">Estimated delivered fidelity without memory waiting (after purification, if any).</param>
public sealed record AdmissionDecision(bool Admitted, string? Reason, IReadOnlyList<RoutePath> Paths, Entanglement.PathMemory? Memory, double ExpectedFidelity)
{
    /// <summary>A refusal with its reason.</summary>
    public static AdmissionDecision Refuse(string reason, double expectedFidelity = double.NaN) => new(false, reason, [], null, expectedFidelity);
}
