using QNet.Kernel;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.Qkd.Bb84;

/// <summary>
/// A running decoy-state BB84 link: simulates pulses block by block, post-processes each block and
/// hands the resulting key blocks (and discards) to an optional <see cref="IQkdKeySink"/>. Block
/// time stamps are the simulated time of the block's last pulse (pulse index / pulse rate); the
/// classical post-processing is taken as instantaneous in simulated time.
/// </summary>
public sealed class DecoyBb84Session
{
    private readonly DecoyBb84Parameters _protocol;
    private readonly DecoyBb84Simulator _simulator;
    private readonly Bb84PostProcessor _postProcessor;
    private readonly QkdBlockLedger _ledger;
    private DetectionRecords? _records; // the last block's records, whose arrays the next block overwrites

    /// <summary>
    /// Creates a session whose randomness derives from <paramref name="random"/> ("quantum" for the optics, "public"
    /// for announced choices); the ends run the post-processing configurations in <paramref name="ends"/> (both the
    /// current version when null), read afresh at the start of every block.
    /// </summary>
    public DecoyBb84Session(DecoyBb84Parameters protocol, QkdLink link, PostProcessingOptions options, RandomStream random, string initiatorId = "alice", string responderId = "bob", IQkdKeySink? sink = null,
        QkdEndConfigurations? ends = null)
    {
        _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
        ArgumentNullException.ThrowIfNull(random);
        _simulator = new DecoyBb84Simulator(protocol, link, random.Derive("quantum"));
        _postProcessor = new Bb84PostProcessor(protocol, options, random.Derive("public"), ends);
        _ledger = new QkdBlockLedger(initiatorId, responderId, sink);
    }

    /// <summary>Pulses sent so far.</summary>
    public long PulsesSent => _simulator.NextPulse;

    /// <summary>Secret bits produced so far.</summary>
    public long SecretBits => _ledger.SecretBits;

    /// <summary>Blocks processed, by outcome.</summary>
    public IReadOnlyDictionary<QkdBlockOutcome, int> Blocks => _ledger.Blocks;

    /// <summary>Simulated time of the last pulse sent (saturates at <see cref="SimTime.MaxValue"/>, about 106 days).</summary>
    public SimTime Now => LinkTime.AtPulse(_simulator.NextPulse, _protocol.PulseRateHz);

    /// <summary>
    /// Runs one block holding about <paramref name="siftedKeyBits"/> matched-Z detections (the
    /// number of clicks is siftedKeyBits/p_Z², so the sifted length fluctuates around the target).
    /// </summary>
    public Bb84BlockResult RunBlock(int siftedKeyBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(siftedKeyBits);
        double pz2 = _protocol.ZBasisProbability * _protocol.ZBasisProbability;
        int clicks = (int)Math.Min(int.MaxValue / 2, Math.Ceiling(siftedKeyBits / pz2));
        var records = _records = _simulator.Run(clicks, _records);
        var result = _postProcessor.Process(records, _ledger.Initiator, _ledger.Responder, Now);
        _ledger.Record(result.Outcome, result.SecretBits, result.Key, Now);
        return result;
    }
}
