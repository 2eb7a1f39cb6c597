using QNet.Network.Scenarios;

namespace QNet.Network.Faults;

/// <summary>A fault the injector knows: its id, its spec and when it started and cleared on the simulator's clock.</summary>
/// <param name="Id">Fault id (given by whoever injects it).</param>
/// <param name="Spec">What it does.</param>
/// <param name="StartedSeconds">When it took effect, in simulated seconds; null while scheduled.</param>
/// <param name="ClearedSeconds">When it cleared, in simulated seconds; null while scheduled or active.</param>
public sealed record ActiveFault(string Id, FaultSpec Spec, double? StartedSeconds, double? ClearedSeconds)
{
    /// <summary>True from its start until it clears.</summary>
    public bool Active => StartedSeconds is not null && ClearedSeconds is null;
}
