using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin
{
    /// <summary>Injects a fault; returns it, or the field and message of what is wrong with the request.</summary>
    public (Fault? Fault, string? Field, string? Error) Inject(FaultKind kind, string target, double magnitude, DateTimeOffset at)
    {
        switch (kind)
        {
            case FaultKind.LinkCut or FaultKind.AttenuationStep when !_baseLinks.ContainsKey(target):
                return (null, "target", $"'{target}' is not an entanglement link of the network");
            case FaultKind.MemoryT2Drop when !_baseNodes.ContainsKey(target):
                return (null, "target", $"'{target}' is not a node of the network");
            case FaultKind.AttenuationStep when !(magnitude > 0 && magnitude <= 100):
                return (null, "magnitude", "an attenuation step must be greater than 0 and at most 100 dB/km");
            case FaultKind.MemoryT2Drop when !(magnitude is > 0 and < 1):
                return (null, "magnitude", "a T2 drop is the factor T2 is multiplied by, strictly between 0 and 1");
        }
        var fault = new Fault("f-" + Guid.NewGuid().ToString("N")[..12], kind, target, kind == FaultKind.LinkCut ? 0 : magnitude, at, null);
        _faults = _faults.Add(fault);
        Apply(fault);
        return (fault, null, null);
    }

    /// <summary>Clears an active fault; null if there is no such active fault.</summary>
    public Fault? Clear(string id, DateTimeOffset at)
    {
        var fault = _faults.FirstOrDefault(f => f.Id == id && f.Active);
        if (fault is null)
        {
            return null;
        }
        var cleared = fault with { ClearedAt = at };
        _faults = _faults.Replace(fault, cleared);
        Apply(cleared);
        return cleared;
    }

    /// <summary>Re-applies faults remembered from the store (active ones change the network again).</summary>
    public void Restore(IEnumerable<Fault> faults)
    {
        foreach (var f in faults)
        {
            _faults = _faults.Add(f);
            if (f.Active && (_baseLinks.ContainsKey(f.Target) || _baseNodes.ContainsKey(f.Target)))
            {
                Apply(f);
            }
        }
    }

    // The network is recomputed from its base specs and every active fault on the same target, so faults stack and clear in any order.
    private void Apply(Fault fault)
    {
        var active = _faults.Where(f => f.Active && f.Target == fault.Target).ToArray();
        switch (fault.Kind)
        {
            case FaultKind.LinkCut:
                if (active.Any(f => f.Kind == FaultKind.LinkCut))
                {
                    if (Topology.IsUp(fault.Target)) Scheduler.FailLink(fault.Target);
                }
                else if (!Topology.IsUp(fault.Target))
                {
                    Scheduler.RestoreLink(fault.Target);
                }
                break;
            case FaultKind.AttenuationStep:
                var link = _baseLinks[fault.Target];
                double step = active.Where(f => f.Kind == FaultKind.AttenuationStep).Sum(f => f.Magnitude);
                Scheduler.ApplyLinkChange(link with { AttenuationDbPerKm = link.AttenuationDbPerKm + step });
                break;
            case FaultKind.MemoryT2Drop:
                var node = _baseNodes[fault.Target];
                double factor = active.Where(f => f.Kind == FaultKind.MemoryT2Drop).Aggregate(1.0, (p, f) => p * f.Magnitude);
                var m = node.Memory;
                Scheduler.ApplyNodeChange(node with { Memory = new QNet.Physics.Hardware.QuantumMemory(m.Slots, m.T1Seconds, m.T2Seconds * factor, m.Efficiency) });
                break;
        }
    }
}
