using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Twin;

/// <summary>An injected fault as the control plane records it.</summary>
/// <param name="Id">Fault id.</param>
/// <param name="Kind">What it does (wire names in <see cref="FaultKinds"/>).</param>
/// <param name="Target">The link or node it hits (<c>*</c>: every node, for a control delay).</param>
/// <param name="Magnitude">Strength in the kind's unit (<see cref="FaultKinds.UnitOf"/>); 0 for a cut.</param>
/// <param name="InjectedAt">When it was injected.</param>
/// <param name="ClearedAt">When it was cleared (through the API, or by itself after its duration); null while active.</param>
/// <param name="DurationSeconds">Repair time in simulated seconds after which it clears itself; null: until cleared.</param>
public sealed record Fault(string Id, FaultKind Kind, string Target, double Magnitude, DateTimeOffset InjectedAt, DateTimeOffset? ClearedAt,
    double? DurationSeconds = null)
{
    /// <summary>True until cleared.</summary>
    public bool Active => ClearedAt is null;
}
