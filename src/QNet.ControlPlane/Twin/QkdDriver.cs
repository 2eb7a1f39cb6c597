using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Runs decoy-state BB84 on one link with a <c>qkd</c> block, keeping the QKD session's own clock (pulses sent /
/// pulse rate) level with the simulator: whenever the twin has advanced past the session's clock it runs one more
/// post-processing block, so key blocks appear at the simulated rate of the link. Blocks run on their own task
/// (a block of 10⁶ sifted bits takes a fraction of a CPU second), never on the simulation thread: the QKD session
/// has its own random stream and clock and shares nothing else with the simulator.
/// </summary>
internal sealed class QkdDriver
{
    private readonly DecoyBb84Session _session;
    private readonly int _blockBits;
    private readonly SimTime _offset;

    public QkdDriver(LinkSpec link, Simulator simulator, IQkdKeySink sink)
    {
        var qkd = link.Qkd ?? throw new ArgumentException($"link {link.Id} has no qkd block", nameof(link));
        var intensities = qkd.Intensities ?? throw new ArgumentException($"link {link.Id}: bb84-decoy needs intensities", nameof(link));
        var probabilities = qkd.IntensityProbabilities ?? QkdSpec.DefaultIntensityProbabilities;
        var protocol = new DecoyBb84Parameters(intensities.Signal, intensities.Decoy, intensities.Vacuum, probabilities.Signal, probabilities.Decoy,
            qkd.ZBasisProbability, qkd.PulseRateHz ?? 1e8, qkd.ErrorCorrectionEfficiency, qkd.AfterPulseProbability);
        var detector = link.Detector ?? throw new ArgumentException($"link {link.Id}: a QKD link needs a detector", nameof(link));
        var options = new PostProcessingOptions(EpsilonSecrecy: qkd.SecurityParameter * 0.9, EpsilonCorrectness: qkd.SecurityParameter * 0.1);
        _session = new DecoyBb84Session(protocol, new QkdLink(link.ToFiberChannel(), detector), options, simulator.StreamFor("qkd:" + link.Id), link.NodeA, link.NodeB, sink);
        _blockBits = (int)Math.Clamp(qkd.BlockSizeBits, 10_000, 50_000_000);
        _offset = simulator.Now;
        Link = link;
    }

    /// <summary>The QKD link.</summary>
    public LinkSpec Link { get; }

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
        _session.RunBlock(_blockBits);
        Interlocked.Exchange(ref _sessionPicoseconds, _session.Now.Picoseconds);
        Interlocked.Exchange(ref _secretBits, _session.SecretBits);
        Volatile.Write(ref _keyBlocks, _session.Blocks[QkdBlockOutcome.KeyProduced]);
        Volatile.Write(ref _blocks, _session.Blocks.Values.Sum());
        return true;
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
