using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Runs decoy-state BB84 on one link with a <c>qkd</c> block, keeping the QKD session's own clock (pulses sent /
/// pulse rate) level with the simulator: whenever the twin has advanced past the session's clock it runs one more
/// post-processing block, so key blocks appear at the simulated rate of the link. Blocks run on their own task
/// (a block of 10⁶ sifted bits takes a fraction of a CPU second), never on the simulation thread: the QKD session
/// has its own random stream and clock and shares nothing else with the simulator.
/// Each end runs its own post-processing configuration (<see cref="Configuration"/>); key verification failures
/// (a failed tag here, or the KMS finding the two copies different through <see cref="KeysCompared"/>) are counted
/// and, on ends that no longer interoperate, roll the link back. A block whose estimated QBER reaches the abort
/// threshold pauses key production (<see cref="QkdProductionGate"/>): later blocks are withheld from the key store
/// until the QBER falls back. Changes are events of type <c>qkd</c> with the link, the change and its reason.
/// </summary>
internal sealed class QkdDriver
{
    private readonly DecoyBb84Session _session;
    private readonly int _blockBits;
    private readonly SimTime _offset;
    private readonly QkdProductionGate _gate = new();
    private readonly QkdMetrics? _metrics;
    private readonly Action<TwinEvent>? _events;
    private readonly IQkdKeySink _sink;
    private volatile QkdMitigationSettings _mitigation = new();
    private volatile bool _paused;
    private long _verificationFailures;
    private long _withheld;
    private int _rollbacks;

    public QkdDriver(LinkSpec link, Simulator simulator, IQkdKeySink sink, QkdMetrics? metrics = null, Action<TwinEvent>? events = null)
    {
        var qkd = link.Qkd ?? throw new ArgumentException($"link {link.Id} has no qkd block", nameof(link));
        var intensities = qkd.Intensities ?? throw new ArgumentException($"link {link.Id}: bb84-decoy needs intensities", nameof(link));
        var probabilities = qkd.IntensityProbabilities ?? QkdSpec.DefaultIntensityProbabilities;
        var protocol = new DecoyBb84Parameters(intensities.Signal, intensities.Decoy, intensities.Vacuum, probabilities.Signal, probabilities.Decoy,
            qkd.ZBasisProbability, qkd.PulseRateHz ?? 1e8, qkd.ErrorCorrectionEfficiency, qkd.AfterPulseProbability);
        var detector = link.Detector ?? throw new ArgumentException($"link {link.Id}: a QKD link needs a detector", nameof(link));
        var options = new PostProcessingOptions(EpsilonSecrecy: qkd.SecurityParameter * 0.9, EpsilonCorrectness: qkd.SecurityParameter * 0.1);
        var version = PostProcessingVersions.Find(qkd.PostProcessingVersion)
            ?? throw new ArgumentException($"link {link.Id}: unknown post-processing version {qkd.PostProcessingVersion}", nameof(link));
        Configuration = new QkdConfigurationControl(link.NodeA, link.NodeB, version);
        _sink = sink;
        _metrics = metrics;
        _events = events;
        _session = new DecoyBb84Session(protocol, new QkdLink(link.ToFiberChannel(), detector), options, simulator.StreamFor("qkd:" + link.Id), link.NodeA, link.NodeB,
            new GatedSink(this), Configuration.Ends);
        _blockBits = (int)Math.Clamp(qkd.BlockSizeBits, 10_000, 50_000_000);
        _offset = simulator.Now;
        Link = link;
    }

    /// <summary>The QKD link.</summary>
    public LinkSpec Link { get; }

    /// <summary>The two ends' post-processing configurations, their compatibility check and rollback.</summary>
    public QkdConfigurationControl Configuration { get; }

    /// <summary>Rollback and pause settings (replaceable at any time; read at each block).</summary>
    public QkdMitigationSettings Mitigation
    {
        get => _mitigation;
        set => _mitigation = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Whether key production is paused for the link's QBER.</summary>
    public bool Paused => _paused;

    /// <summary>Blocks whose ends' keys disagreed (verification tag or KMS comparison).</summary>
    public long VerificationFailures => Interlocked.Read(ref _verificationFailures);

    /// <summary>Key blocks withheld from the key store while paused.</summary>
    public long WithheldBlocks => Interlocked.Read(ref _withheld);

    /// <summary>Times key production paused.</summary>
    public int Pauses => Volatile.Read(ref _pauses);

    /// <summary>Automatic configuration rollbacks.</summary>
    public int Rollbacks => Volatile.Read(ref _rollbacks);

    private int _pauses;

    /// <summary>How far the QKD session has run, in simulated time since the twin's start (the twin's clock minus this is its backlog).</summary>
    public SimTime Simulated => new(_offset.Picoseconds + Interlocked.Read(ref _sessionPicoseconds));

    private long _sessionPicoseconds;

    /// <summary>Secret bits distilled so far.</summary>
    public long SecretBits => Interlocked.Read(ref _secretBits);

    /// <summary>Blocks that produced key.</summary>
    public int KeyBlocks => Volatile.Read(ref _keyBlocks);

    /// <summary>Blocks processed in all.</summary>
    public int Blocks => Volatile.Read(ref _blocks);

    private long _secretBits;
    private int _keyBlocks;
    private int _blocks;

    /// <summary>Runs one block if the twin's clock has passed the session's; true if it ran one (one caller at a time).</summary>
    public bool Step(SimTime now)
    {
        if (_offset.Picoseconds + _session.Now.Picoseconds >= now.Picoseconds)
        {
            return false;
        }
        var result = _session.RunBlock(_blockBits);
        Interlocked.Exchange(ref _sessionPicoseconds, _session.Now.Picoseconds);
        if (result.Outcome == QkdBlockOutcome.VerificationFailed)
        {
            VerificationFailed("the verification tags of the two ends differed");
        }
        Observe(result.SampledQber.Estimate);
        Interlocked.Exchange(ref _secretBits, _session.SecretBits);
        Volatile.Write(ref _keyBlocks, _session.Blocks[QkdBlockOutcome.KeyProduced]);
        Volatile.Write(ref _blocks, _session.Blocks.Values.Sum());
        return true;
    }

    /// <summary>
    /// The key store compared the two ends' copies of one of this link's blocks: equal copies end a failure run,
    /// different ones are a verification failure (any thread).
    /// </summary>
    public void KeysCompared(bool agreed)
    {
        if (agreed)
        {
            Configuration.Agreed();
        }
        else
        {
            VerificationFailed("the key store found the two ends' copies different and quarantined the block");
        }
    }

    /// <summary>Changes one end's configuration (checked or not) and records the change or the refusal as an event.</summary>
    public QkdConfigurationChange ChangeConfiguration(QkdLinkEnd end, int version, bool checkCompatibility, double simulatedSeconds)
    {
        var change = Configuration.Change(end, version, checkCompatibility);
        if (change.Outcome is QkdConfigurationOutcome.Applied or QkdConfigurationOutcome.Refused)
        {
            Event(change.Applied ? "config-changed" : "config-refused", change.Message, simulatedSeconds);
        }
        return change;
    }

    private void VerificationFailed(string failure)
    {
        Interlocked.Increment(ref _verificationFailures);
        _metrics?.VerificationFailed(Link.Id);
        if (Configuration.Failed(_mitigation, failure) is { } rollback)
        {
            Interlocked.Increment(ref _rollbacks);
            _metrics?.RolledBack(Link.Id);
            Event("rolled-back", rollback, Simulated.Seconds);
        }
    }

    private void Observe(double estimatedQber)
    {
        var settings = _mitigation;
        switch (_gate.Observe(estimatedQber, settings))
        {
            case QkdGateChange.Paused:
                _paused = true;
                Interlocked.Increment(ref _pauses);
                _metrics?.Paused(Link.Id);
                Event("paused", $"estimated QBER {estimatedQber:P2} reached the abort threshold {settings.PauseQber:P1}; key production paused until it falls to {settings.ResumeQber:P1}", Simulated.Seconds);
                break;
            case QkdGateChange.Resumed:
                _paused = false;
                Event("resumed", settings.Pause
                    ? $"estimated QBER {estimatedQber:P2} fell to {settings.ResumeQber:P1} or below; key production resumed"
                    : "the QBER pause was switched off; key production resumed", Simulated.Seconds);
                break;
        }
    }

    private void Event(string change, string reason, double simulatedSeconds) =>
        _events?.Invoke(new TwinEvent("qkd", "", "", simulatedSeconds, Link: Link.Id, Change: change, Reason: reason));

    // Keys go to the key store unless production is paused; discards always pass (they carry no key).
    private sealed class GatedSink(QkdDriver driver) : IQkdKeySink
    {
        public void Accept(QkdKeyBlock block)
        {
            if (driver._paused)
            {
                Interlocked.Increment(ref driver._withheld);
                return;
            }
            driver._sink.Accept(block);
        }

        public void Discarded(string initiatorId, string responderId, SimTime at, QkdBlockOutcome outcome) => driver._sink.Discarded(initiatorId, responderId, at, outcome);
    }

    /// <summary>Keeps the session level with <paramref name="now"/> (the twin's simulated time) until cancelled, checking every <paramref name="poll"/>.</summary>
    public async Task RunAsync(Func<SimTime> now, TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!Step(now()))
                {
                    await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
