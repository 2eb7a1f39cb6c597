using QNet.ControlPlane.Events;
using QNet.ControlPlane.Slo;
using QNet.Network.Faults;
using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// The offline backend: a fresh <see cref="OfflineTwin"/> of the experiment's scenario and seed, run as fast as the
/// machine allows. Trace ids derive from the seed, so the same file and seed give the same journal. An interruption
/// (Ctrl-C) ends the run at the next 15 s sample of twin time, so the journal holds every sample taken until then.
/// </summary>
internal sealed class OfflineTarget : IGameDayTarget
{
    private readonly List<TwinEvent> _early = []; // the scenario sessions' admissions, made while the twin is built
    private Action<TwinEvent>? _onEvent;
    private Action<FaultChange> _onFault = _ => { };
    private readonly CancellationToken _interrupt;
    private readonly List<Action> _held = []; // what the twin did since a sample was taken, heard once the sample's callback ran
    private bool _holding;
    private long _takenUnixMs;
    private (double Seconds, long UnixMs)? _shown; // the sample a callback reads, while the twin is a step ahead

    /// <param name="experiment">The experiment (its scenario, seed and what it reads).</param>
    /// <param name="interrupt">Cancelled on Ctrl-C: <see cref="RunUntil"/> then throws at the next sample.</param>
    public OfflineTarget(Experiment experiment, CancellationToken interrupt = default)
        : this(experiment, partitionThreads: null, interrupt)
    {
    }

    /// <param name="experiment">The experiment (its scenario, seed and what it reads).</param>
    /// <param name="partitionThreads">Threads for the twin's session partitions (0: none; null: from the environment, <see cref="QNet.ControlPlane.Twin.TwinParallelism"/>).</param>
    /// <param name="interrupt">Cancelled on Ctrl-C: <see cref="RunUntil"/> then throws at the next sample.</param>
    public OfflineTarget(Experiment experiment, int? partitionThreads, CancellationToken interrupt = default)
    {
        _interrupt = interrupt;
        // The QKD links are stepped only when the experiment reads keys: distilling every block costs more than the rest of the twin.
        Twin = new OfflineTwin(experiment.Configuration.Scenario, policy: null, OnEvent, ReadsKeys(experiment), partitionThreads: partitionThreads);
        Twin.Twin.FaultInjector.Changed += OnFaultChanged;
    }

    /// <summary>True when the experiment reads QKD keys (a keys probe, a keys-flow expectation, a QKD configuration skew).</summary>
    public static bool ReadsKeys(Experiment experiment) =>
        experiment.Hypothesis.Concat(experiment.Method.Select(s => s.Probe).OfType<ProbeSpec>()).Any(p => p.Kind == ProbeKind.Keys)
        || experiment.Expectations.Any(e => e.Kind == ExpectationKind.KeysFlow)
        || experiment.Method.Any(s => s.Action is { Fault: FaultKind.QkdConfigSkew });

    /// <summary>The twin the experiment runs on (tests compare the journal with it).</summary>
    public OfflineTwin Twin { get; }

    public string Mode => "offline";

    public DateTimeOffset Epoch => OfflineTwin.Epoch;

    public double Seconds => _shown?.Seconds ?? Twin.Seconds;

    public long UnixMs => _shown?.UnixMs ?? Twin.UnixMs;

    public IMetricHistory History => Twin.History;

    public IReadOnlyList<AlertView> Alerts => Twin.Monitor.Alerts;

    public IReadOnlyList<(long UnixMs, long Bits)> KeyBits => Twin.KeyBits;

    public IReadOnlyList<SloStatus> Budgets() => Twin.Budgets();

    public int CountSessions(SessionOutcome outcome, string? sessionId) =>
        Twin.Twin.Sessions.Values.Count(s => s.Outcome == outcome && (sessionId is null || sessionId == s.Info.Spec.Id));

    public void Observe(Action<TwinEvent> onEvent, Action<FaultChange> onFault)
    {
        _onEvent = onEvent;
        _onFault = onFault;
        foreach (var e in _early)
        {
            onEvent(e);
        }
        _early.Clear();
    }

    /// <summary>
    /// Runs the twin with each sample's rule evaluation overlapped with its next step (on the second core). The journal
    /// is as if run in order: <paramref name="sampled"/> sees the sample's time, and what the twin did in the next step
    /// is heard after it.
    /// </summary>
    public void RunUntil(double endSeconds, Action sampled)
    {
        _interrupt.ThrowIfCancellationRequested();
        try
        {
            Twin.RunUntil(endSeconds, _ =>
            {
                _takenUnixMs = Twin.UnixMs;
                _holding = true;
            }, seconds =>
            {
                _shown = (seconds, _takenUnixMs);
                try
                {
                    sampled();
                }
                finally
                {
                    _shown = null;
                    Release();
                }
                _interrupt.ThrowIfCancellationRequested();
            });
        }
        finally
        {
            Release(); // nothing stays held once the run stops, however it stops
        }
    }

    private void Release()
    {
        _holding = false;
        foreach (var heard in _held)
        {
            heard();
        }
        _held.Clear();
    }

    public string NewTrace(string key) => Twin.TraceIds(key).TraceId;

    public (string? Id, string? Error) Inject(FaultKind kind, string target, double magnitude, double? durationSeconds, string trace) =>
        Twin.TryInject(kind, target, magnitude, durationSeconds);

    public bool Clear(string faultId, string trace) => Twin.TryClear(faultId);

    public (string Outcome, string? TraceId) Submit(SessionSpec spec, string trace)
    {
        var state = Twin.Submit(spec, "gameday");
        return (SessionNames.Of(state.Outcome), state.Info.TraceId);
    }

    public string? OpenMaintenance(string name, IReadOnlyDictionary<string, string> matchers, double seconds, string trace)
    {
        Twin.OpenMaintenance(name, matchers, seconds);
        return null;
    }

    public string? SetMitigation(ActionSpec action, string trace)
    {
        var policy = Twin.Mitigation.Policy;
        try
        {
            Twin.Mitigation.Replace(MitigationChange.Apply(policy, action));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName + ": " + e.Message.Split(" (Parameter")[0];
        }
    }

    // Offline the run ends with the twin: nothing outlives it to undo.
    public IReadOnlyList<string> Restore() => [];

    private void OnEvent(TwinEvent e)
    {
        if (_holding)
        {
            _held.Add(() => OnEvent(e));
        }
        else if (_onEvent is null)
        {
            _early.Add(e);
        }
        else
        {
            _onEvent(e);
        }
    }

    private void OnFaultChanged(ActiveFault fault)
    {
        // The network's own ageing and the scenario's faults are not the experiment's.
        if (fault.Id.StartsWith(ControlPlane.Twin.Twin.AgeingPrefix, StringComparison.Ordinal)
            || fault.Id.StartsWith(ControlPlane.Twin.Twin.ScenarioFaultPrefix, StringComparison.Ordinal))
        {
            return;
        }
        var change = new FaultChange(fault.Id, fault.Spec.Kind, fault.Spec.Target, fault.ClearedSeconds is null, Twin.Seconds);
        if (_holding)
        {
            _held.Add(() => _onFault(change));
        }
        else
        {
            _onFault(change);
        }
    }
}
