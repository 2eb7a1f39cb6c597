namespace QNet.ControlPlane.Twin;

/// <summary>A serving session's application figures, read on the simulation thread after a twin step.</summary>
/// <param name="Fidelity">Mean teleported-state, GHZ or compute-task fidelity over its uses (NaN without any).</param>
/// <param name="Uses">Teleported states, GHZ states or compute tasks so far.</param>
internal sealed record SessionApplicationFigures(double Fidelity, long Uses);
