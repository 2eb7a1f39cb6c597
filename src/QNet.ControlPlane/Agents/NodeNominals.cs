namespace QNet.ControlPlane.Agents;

/// <summary>The scenario's nominal memory T2 of each node, seconds (finite ones only), sent to an agent on registration.</summary>
internal sealed record NodeNominals(IReadOnlyDictionary<string, double> CoherenceSeconds);
