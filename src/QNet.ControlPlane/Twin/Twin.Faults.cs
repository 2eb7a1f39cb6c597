using QNet.Network.Faults;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Twin;

// Faults act on the network through its FaultInjector (QNet.Network.Faults): the twin keeps the control plane's
// record of each (id, times) and follows the injector's starts and clears, including faults that clear themselves
// after their duration and the ones a scenario file's faults: section replays.
internal sealed partial class Twin
{
    /// <summary>Id prefix of the faults replayed from the scenario file (not stored: the file replays them after a restart).</summary>
    public const string ScenarioFaultPrefix = "scenario-";

    /// <summary>
    /// Injects a fault now; returns it, or the field (<c>kind</c>, <c>target</c>, <c>magnitude</c>, <c>duration</c>)
    /// and message of what is wrong with the request.
    /// </summary>
    public (Fault? Fault, string? Field, string? Error) Inject(FaultKind kind, string target, double magnitude, double? durationSeconds, DateTimeOffset at)
    {
        if (FaultSpec.Problem(kind, magnitude, 0, durationSeconds) is { } p)
        {
            return (null, p.Field, p.Message);
        }
        var spec = new FaultSpec(kind, target, magnitude, NowAsFaultInstant, durationSeconds);
        if (FaultInjector.Problem(spec) is { } q)
        {
            return (null, q.Field, q.Message);
        }
        var fault = new Fault("f-" + Guid.NewGuid().ToString("N")[..12], kind, target, spec.Magnitude, at, null, durationSeconds);
        _faults = _faults.Add(fault);
        FaultInjector.Schedule(fault.Id, spec);
        Scheduler.RunUntil(Simulator.Now); // it starts now: sessions on the target move at once
        return (Find(fault.Id), null, null);
    }

    /// <summary>Clears an active fault; null if there is no such active fault.</summary>
    public Fault? Clear(string id, DateTimeOffset at)
    {
        var fault = _faults.FirstOrDefault(f => f.Id == id && f.Active);
        if (fault is null)
        {
            return null;
        }
        _clearedAt = at;
        try
        {
            FaultInjector.Clear(id);
            Scheduler.RunUntil(Simulator.Now); // re-admissions a restored link triggers run now
        }
        finally
        {
            _clearedAt = null;
        }
        return Find(id);
    }

    /// <summary>
    /// Re-applies faults remembered from the store (active ones change the network again). A fault with a duration keeps
    /// its repair time in twin time: it clears at its injection plus its duration, at once (stored as cleared then) if
    /// that passed while the control plane was down. Restored faults are not reported again to
    /// <see cref="FaultObserved"/>: their injection was reported when it happened.
    /// </summary>
    public void Restore(IEnumerable<Fault> faults)
    {
        var now = Clock.At(Simulator.Now);
        _restoring = true;
        try
        {
            foreach (var f in faults.Where(f => !f.Id.StartsWith(ScenarioFaultPrefix, StringComparison.Ordinal)))
            {
                double? remaining = f.DurationSeconds is { } d ? d - (now - f.InjectedAt).TotalSeconds : null;
                if (f.Active && remaining <= 0)
                {
                    var cleared = f with { ClearedAt = f.InjectedAt.AddSeconds(f.DurationSeconds!.Value) };
                    _faults = _faults.Add(cleared);
                    _persistFault?.Invoke(cleared);
                    continue;
                }
                _faults = _faults.Add(f);
                if (f.Active && FaultSpec.Problem(f.Kind, f.Magnitude, 0, remaining) is null)
                {
                    var spec = new FaultSpec(f.Kind, f.Target, f.Magnitude, NowAsFaultInstant, remaining);
                    if (FaultInjector.Problem(spec) is null)
                    {
                        FaultInjector.Schedule(f.Id, spec);
                    }
                }
            }
            Scheduler.RunUntil(Simulator.Now);
        }
        finally
        {
            _restoring = false;
        }
    }

    private bool _restoring;

    /// <summary>
    /// The start of a fault that starts now: the twin's time, or 0 once that lies past the 100 days a fault's instant may
    /// name (a twin running on to the end of its clock, at about 106.7 days): <see cref="FaultInjector.Schedule"/> starts
    /// a fault whose instant has passed at once, so both start it now.
    /// </summary>
    private double NowAsFaultInstant => Simulator.Now.Seconds <= Scenario.MaxDurationSeconds ? Simulator.Now.Seconds : 0;

    private DateTimeOffset? _clearedAt;

    /// <summary>
    /// Told of every fault that starts or clears (API, scenario or expiry; not the devices' ageing), with the twin time
    /// it took effect, on the simulation thread. The incident record listens here.
    /// </summary>
    public Action<Fault, DateTimeOffset>? FaultObserved { get; set; }

    private Fault? Find(string id) => _faults.FirstOrDefault(f => f.Id == id);

    // The injector started or cleared a fault: the record follows (a scenario fault is added when it starts), and a
    // clear the API did not ask for (its duration ran out) is stored here.
    private void OnFaultChanged(ActiveFault change)
    {
        if (change.Id.StartsWith(AgeingPrefix, StringComparison.Ordinal) || change.Id.StartsWith(AgentPrefix, StringComparison.Ordinal))
        {
            return;
        }
        Fault? fault = Find(change.Id);
        DateTimeOffset now = _clearedAt ?? Clock.At(Simulator.Now);
        if (fault is null)
        {
            var spec = change.Spec;
            fault = new Fault(change.Id, spec.Kind, spec.Target, spec.Magnitude, now, null, spec.DurationSeconds);
            _faults = _faults.Add(fault);
        }
        if (change.ClearedSeconds is null && !_restoring)
        {
            FaultObserved?.Invoke(fault, Clock.At(Simulator.Now));
        }
        if (change.ClearedSeconds is not null && fault.Active)
        {
            var cleared = fault with { ClearedAt = now };
            FaultObserved?.Invoke(cleared, Clock.At(Simulator.Now));
            _faults = _faults.Replace(fault, cleared);
            if (_clearedAt is null && !change.Id.StartsWith(ScenarioFaultPrefix, StringComparison.Ordinal))
            {
                _persistFault?.Invoke(cleared);
            }
        }
    }
}
