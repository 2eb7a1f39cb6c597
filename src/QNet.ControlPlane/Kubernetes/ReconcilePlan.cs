namespace QNet.ControlPlane.Kubernetes;

/// <summary>What one reconciliation pass decided: changes to the network, then statuses to write.</summary>
/// <param name="Actions">Changes to ask of the network, in order; empty when the network already matches the objects.</param>
/// <param name="Patches">Statuses that differ from what the objects carry; empty when every status is current.</param>
internal sealed record ReconcilePlan(IReadOnlyList<ReconcileAction> Actions, IReadOnlyList<StatusPatch> Patches);
