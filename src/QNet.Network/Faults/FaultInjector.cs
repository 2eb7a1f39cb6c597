using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;

namespace QNet.Network.Faults;

/// <summary>
/// Applies faults to a running network on the simulator's clock: each starts at its time, clears itself after its
/// duration (repair time) or when cleared, and the target's spec is recomputed from its base spec and every fault
/// active on it (<see cref="FaultEffects"/>), so faults stack and clear in any order. A start or a clear changes the
/// network at once (sessions on the target restart, reroute or are suspended and re-admitted later); drifts grow in
/// steps of <see cref="StepSeconds"/> that retune running links in place, keeping stored pairs. Calibration of a
/// target (<see cref="Calibrate"/>, or scheduled jobs through <see cref="CalibrationJobs"/>) restarts its drift.
/// </summary>
public sealed class FaultInjector : IEventHandler
{
    /// <summary>Simulated seconds between drift steps (one minute).</summary>
    public const double StepSeconds = 60;

    private const int StartEvent = 0;
    private const int ClearEvent = 1;
    private const int StepEvent = 2;

    private readonly Simulator _sim;
    private readonly SessionScheduler _scheduler;
    private readonly IQkdConfigurationTarget? _qkd;
    private readonly Dictionary<string, LinkSpec> _baseLinks;
    private readonly Dictionary<string, NodeSpec> _baseNodes;
    private readonly List<ActiveFault> _faults = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _calibratedAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outOfService = new(StringComparer.Ordinal);
    private readonly DriftHealthWatch _health;
    private bool _stepping;

    /// <summary>Creates an injector over <paramref name="scheduler"/>'s network; its current specs are the base specs.</summary>
    /// <param name="qkd">Where <c>qkd-config-skew</c> faults land; without it that kind is refused.</param>
    public FaultInjector(Simulator simulator, SessionScheduler scheduler, Scenario scenario, IQkdConfigurationTarget? qkd = null)
    {
        _sim = simulator;
        _scheduler = scheduler;
        _qkd = qkd;
        Scenario = scenario;
        _health = new DriftHealthWatch(scheduler);
        _baseLinks = scheduler.Topology.Links.Values.ToDictionary(l => l.Id, StringComparer.Ordinal);
        _baseNodes = scheduler.Topology.Nodes.Values.ToDictionary(n => n.Id, StringComparer.Ordinal);
    }

    /// <summary>The network faults are checked against (its QKD links included).</summary>
    public Scenario Scenario { get; }

    /// <summary>Hears every start and clear of a fault (after the network changed).</summary>
    public event Action<ActiveFault>? Changed;

    /// <summary>Every fault: scheduled, active and cleared, in the order they were added.</summary>
    public IReadOnlyList<ActiveFault> Faults => _faults;

    /// <summary>
    /// The control loop's own processing time per command, in simulated seconds: the sum of the active
    /// <c>control-delay</c> faults on every node (<c>*</c>, F4). The control plane's command queue pays it for every API
    /// command it runs, so requests wait behind each other as in an overloaded controller (0 when none is active).
    /// </summary>
    public double ControlLoopDelaySeconds { get; private set; }

    /// <summary>The fault with <paramref name="id"/>, or null.</summary>
    public ActiveFault? Find(string id) => _byId.TryGetValue(id, out int i) ? _faults[i] : null;

    /// <summary>The field and message of what is wrong with injecting <paramref name="spec"/> here, or null.</summary>
    public (string Field, string Message)? Problem(FaultSpec spec)
    {
        if (FaultSpec.Problem(spec.Kind, spec.Magnitude, spec.AtSeconds, spec.DurationSeconds) is { } p)
        {
            return p;
        }
        if (FaultTargets.Problem(Scenario, spec.Kind, spec.Target) is { } t)
        {
            return ("target", t);
        }
        if (spec.Kind == FaultKind.QkdConfigSkew && _qkd is null)
        {
            return ("kind", "qkd-config-skew needs QKD post-processing configuration versions, which this network does not run");
        }
        return null;
    }

    /// <summary>
    /// Adds a fault under <paramref name="id"/>: it starts at <see cref="FaultSpec.AtSeconds"/> (now if that has passed).
    /// Throws <see cref="ArgumentException"/> for a duplicate id or a spec <see cref="Problem"/> rejects.
    /// </summary>
    public void Schedule(string id, FaultSpec spec)
    {
        if (_byId.ContainsKey(id))
        {
            throw new ArgumentException($"a fault with id '{id}' already exists.", nameof(id));
        }
        if (Problem(spec) is { } problem)
        {
            throw new ArgumentException($"{problem.Field}: {problem.Message}", nameof(spec));
        }
        _byId[id] = _faults.Count;
        _faults.Add(new ActiveFault(id, spec, null, null));
        _sim.ScheduleAt(_sim.StartAt(spec.AtSeconds), this, StartEvent, _faults.Count - 1);
    }

    /// <summary>Clears a scheduled or active fault now; false if there is none under <paramref name="id"/> or it already cleared.</summary>
    public bool Clear(string id)
    {
        if (!_byId.TryGetValue(id, out int i) || _faults[i].ClearedSeconds is not null)
        {
            return false;
        }
        ClearAt(i);
        return true;
    }

    /// <summary>Simulated seconds of the last calibration of a link or node (0 when never calibrated).</summary>
    public double CalibratedAt(string target) => _calibratedAt.GetValueOrDefault(target);

    /// <summary>True while a link is out of service for calibration (directly or through a node of it).</summary>
    public bool InCalibration(string linkId) =>
        _outOfService.Contains(linkId) || (_baseLinks.TryGetValue(linkId, out LinkSpec? l) && (_outOfService.Contains(l.NodeA) || _outOfService.Contains(l.NodeB)));

    /// <summary>
    /// The link's detector misalignment now minus its base value: what calibration drift has added since the last
    /// calibration (0 without a drift fault). The physical quantity behind M10.
    /// </summary>
    public double MisalignmentDelta(string linkId)
    {
        if (!_baseLinks.TryGetValue(linkId, out LinkSpec? b))
        {
            return 0;
        }
        LinkSpec now = FaultEffects.Link(b, ActiveOn(linkId), _sim.Now.Seconds, CalibratedAt(linkId));
        return (now.Detector?.Misalignment ?? 0) - (b.Detector?.Misalignment ?? 0);
    }

    /// <summary>
    /// Calibrates a link or node now: drift starts again from zero (<see cref="CalibrationResets.Drift"/>) and, on a link,
    /// visibility drops clear (<see cref="CalibrationResets.Visibility"/>). False for an unknown target.
    /// </summary>
    public bool Calibrate(string target, CalibrationResets resets = CalibrationResets.Drift | CalibrationResets.Visibility)
    {
        if (!_baseLinks.ContainsKey(target) && !_baseNodes.ContainsKey(target))
        {
            return false;
        }
        if (resets.HasFlag(CalibrationResets.Visibility))
        {
            for (int i = 0; i < _faults.Count; i++)
            {
                if (_faults[i] is { Active: true, Spec.Kind: FaultKind.VisibilityDrop } f && f.Spec.Target == target)
                {
                    ClearAt(i);
                }
            }
        }
        if (resets.HasFlag(CalibrationResets.Drift))
        {
            _calibratedAt[target] = _sim.Now.Seconds;
            Step(target, inPlace: true);
        }
        return true;
    }

    /// <summary>
    /// Replaces a link's base spec (an operator's configuration change) and applies it under the faults active on it:
    /// the faults keep stacking on the new configuration, and clearing them returns to it. False for an unknown link.
    /// </summary>
    public bool Reconfigure(LinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!_baseLinks.ContainsKey(link.Id))
        {
            return false;
        }
        _baseLinks[link.Id] = link;
        ApplyLink(link.Id, inPlace: false);
        return true;
    }

    /// <summary>A link's base spec: its configuration without faults, or null for an unknown link.</summary>
    public LinkSpec? BaseLink(string linkId) => _baseLinks.GetValueOrDefault(linkId);

    /// <summary>Takes a link or node out of service (calibrating): its links are down until <see cref="ReturnToService"/>.</summary>
    public void TakeOutOfService(string target)
    {
        _outOfService.Add(target);
        foreach (string link in LinksOf(target))
        {
            ApplyLink(link, inPlace: false);
        }
    }

    /// <summary>Ends <see cref="TakeOutOfService"/>: its links come back unless cut.</summary>
    public void ReturnToService(string target)
    {
        _outOfService.Remove(target);
        foreach (string link in LinksOf(target))
        {
            ApplyLink(link, inPlace: false);
        }
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        switch (kind)
        {
            case StartEvent:
                Start((int)argument);
                break;
            case ClearEvent:
                if (_faults[(int)argument].ClearedSeconds is null)
                {
                    ClearAt((int)argument);
                }
                break;
            default:
                DriftStep();
                break;
        }
    }

    private void Start(int index)
    {
        ActiveFault f = _faults[index];
        if (f.ClearedSeconds is not null)
        {
            return; // cleared before it started
        }
        f = _faults[index] = f with { StartedSeconds = _sim.Now.Seconds };
        if (f.Spec.DurationSeconds is { } d && d < (SimTime.Horizon - _sim.Now).Seconds) // a repair due past the clock's end never comes
        {
            _sim.Schedule(SimTime.FromSeconds(d), this, ClearEvent, index);
        }
        Apply(f.Spec);
        if (FaultKinds.IsDrift(f.Spec.Kind) && !_stepping)
        {
            _stepping = true;
            _sim.Schedule(SimTime.FromSeconds(StepSeconds), this, StepEvent, 0);
        }
        Changed?.Invoke(f);
    }

    private void ClearAt(int index)
    {
        ActiveFault f = _faults[index] = _faults[index] with { ClearedSeconds = _sim.Now.Seconds };
        if (f.StartedSeconds is not null)
        {
            Apply(f.Spec);
        }
        Changed?.Invoke(f);
    }

    private void Apply(FaultSpec spec)
    {
        if (spec.Kind == FaultKind.ControlDelay && spec.Target == FaultKinds.AllNodes)
        {
            ControlLoopDelaySeconds = _faults.Where(f => f.Active && f.Spec.Kind == FaultKind.ControlDelay && f.Spec.Target == FaultKinds.AllNodes).Sum(f => f.Spec.Magnitude);
        }
        switch (FaultKinds.TargetOf(spec.Kind))
        {
            case FaultTarget.QkdLink:
                ActiveFault? skew = ActiveOn(spec.Target).LastOrDefault(f => f.Spec.Kind == FaultKind.QkdConfigSkew);
                if (skew is not null)
                {
                    _qkd!.Skew(spec.Target, (int)skew.Spec.Magnitude);
                }
                else
                {
                    _qkd!.Unskew(spec.Target);
                }
                break;
            case FaultTarget.Link:
                ApplyLink(spec.Target, inPlace: false);
                break;
            default:
                foreach (string node in spec.Target == FaultKinds.AllNodes ? _baseNodes.Keys.ToArray() : [spec.Target])
                {
                    ApplyNode(node, inPlace: false);
                }
                break;
        }
    }

    // Drifts grow: every target with an active drift is retuned in place; the steps stop when no drift is active.
    private void DriftStep()
    {
        var targets = _faults.Where(f => f.Active && FaultKinds.IsDrift(f.Spec.Kind)).Select(f => f.Spec.Target).Distinct().ToArray();
        foreach (string target in targets)
        {
            Step(target, inPlace: true);
        }
        _stepping = targets.Length > 0;
        if (_stepping)
        {
            _health.Check();
            _sim.Schedule(SimTime.FromSeconds(StepSeconds), this, StepEvent, 0);
        }
    }

    private void Step(string target, bool inPlace)
    {
        if (_baseLinks.ContainsKey(target))
        {
            ApplyLink(target, inPlace);
        }
        else if (_baseNodes.ContainsKey(target))
        {
            ApplyNode(target, inPlace);
        }
    }

    private void ApplyLink(string linkId, bool inPlace)
    {
        ActiveFault[] active = ActiveOn(linkId).ToArray();
        bool down = active.Any(f => f.Spec.Kind == FaultKind.LinkCut) || InCalibration(linkId);
        LinkSpec spec = FaultEffects.Link(_baseLinks[linkId], active, _sim.Now.Seconds, CalibratedAt(linkId));
        if (!Equals(spec, _scheduler.Topology.Links[linkId]))
        {
            if (inPlace)
            {
                _scheduler.RetuneLink(spec);
            }
            else
            {
                _scheduler.ApplyLinkChange(spec);
            }
        }
        if (down && _scheduler.Topology.IsUp(linkId))
        {
            _scheduler.FailLink(linkId);
        }
        else if (!down && !_scheduler.Topology.IsUp(linkId))
        {
            _scheduler.RestoreLink(linkId);
        }
    }

    private void ApplyNode(string nodeId, bool inPlace)
    {
        var active = _faults.Where(f => f.Active && (f.Spec.Target == nodeId || f.Spec.Target == FaultKinds.AllNodes)).ToArray();
        double since = CalibratedAt(nodeId);
        // A calibration restarts a temperature drift's clock.
        var effective = active.Select(f => f.Spec.Kind == FaultKind.TemperatureDrift && f.StartedSeconds < since ? f with { StartedSeconds = since } : f);
        NodeSpec spec = FaultEffects.Node(_baseNodes[nodeId], effective, _sim.Now.Seconds);
        if (Equals(spec, _scheduler.Topology.Nodes[nodeId]))
        {
            return;
        }
        if (inPlace)
        {
            _scheduler.RetuneNode(spec);
        }
        else
        {
            _scheduler.ApplyNodeChange(spec);
        }
    }

    private IEnumerable<ActiveFault> ActiveOn(string target) => _faults.Where(f => f.Active && f.Spec.Target == target);

    private string[] LinksOf(string target) =>
        _baseLinks.ContainsKey(target) ? [target] : _baseLinks.Values.Where(l => l.Touches(target)).Select(l => l.Id).ToArray();
}
