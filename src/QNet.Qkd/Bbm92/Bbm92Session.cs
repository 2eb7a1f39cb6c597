using QNet.Kernel;
using QNet.Qkd.PostProcessing;

namespace QNet.Qkd.Bbm92;

/// <summary>
/// A running BBM92 link with an SPDC source: simulates coincidences block by block, post-processes
/// them and hands key blocks (and discards) to an optional sink. Time stamps are the simulated time
/// of the block's last pump pulse.
/// </summary>
public sealed class Bbm92Session
{
    private readonly Bbm92Parameters _source;
    private readonly Bbm92SourceSimulator _simulator;
    private readonly Bbm92PostProcessor _postProcessor;
    private readonly QkdBlockLedger _ledger;

    /// <summary>Creates a session whose randomness derives from <paramref name="random"/>.</summary>
    public Bbm92Session(Bbm92Parameters source, QkdLink link, PostProcessingOptions options, RandomStream random, string initiatorId = "alice", string responderId = "bob", IQkdKeySink? sink = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        ArgumentNullException.ThrowIfNull(random);
        _simulator = new Bbm92SourceSimulator(source, link, random.Derive("quantum"));
        _postProcessor = new Bbm92PostProcessor(options, random.Derive("public"));
        _ledger = new QkdBlockLedger(initiatorId, responderId, sink);
    }

    /// <summary>Pump pulses so far.</summary>
    public long PulsesSent => _simulator.NextPulse;

    /// <summary>Secret bits produced so far.</summary>
    public long SecretBits => _ledger.SecretBits;

    /// <summary>Blocks processed, by outcome.</summary>
    public IReadOnlyDictionary<QkdBlockOutcome, int> Blocks => _ledger.Blocks;

    /// <summary>Simulated time of the last pump pulse (saturates at <see cref="SimTime.MaxValue"/>, about 106 days).</summary>
    public SimTime Now => LinkTime.AtPulse(_simulator.NextPulse, _source.PulseRateHz);

    /// <summary>Runs one block of about <paramref name="siftedKeyBits"/> matched-Z coincidences.</summary>
    public Bbm92BlockResult RunBlock(int siftedKeyBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(siftedKeyBits);
        double pz2 = _source.ZBasisProbability * _source.ZBasisProbability;
        var records = _simulator.Run((int)Math.Min(int.MaxValue / 2, Math.Ceiling(siftedKeyBits / pz2)));
        var result = _postProcessor.Process(records, _ledger.Initiator, _ledger.Responder, Now);
        _ledger.Record(result.Outcome, result.SecretBits, result.Key, Now);
        return result;
    }
}
