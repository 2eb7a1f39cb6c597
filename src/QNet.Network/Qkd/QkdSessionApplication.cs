using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Physics.States;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Theory;

namespace QNet.Network.Qkd;

/// <summary>
/// The application of a session with <c>application: qkd</c>: BBM92 on every end-to-end pair the
/// repeater network delivers. Each pair is measured at once by <see cref="Bbm92NetworkMeasurement"/>
/// (random Z/X basis at each end, errors drawn from the pair's Bell-diagonal weights); only the
/// matched-basis records are kept, and when the Z-matched ones reach the block size the block goes
/// through <see cref="Bbm92PostProcessor"/> (test sample, Cascade, verification, finite key,
/// Toeplitz privacy amplification) and its records are dropped, so memory stays within one block.
/// Key blocks, and discarded blocks, go to an optional <see cref="IQkdKeySink"/>.
/// </summary>
public sealed class QkdSessionApplication
{
    private readonly string _source;
    private readonly string _destination;
    private readonly RandomStream _measure;
    private readonly Bbm92PostProcessor _post;
    private readonly Func<SimTime> _now;
    private readonly double _zProbability;
    private readonly double _f;
    private readonly List<long> _index = [];
    private readonly List<byte> _aliceBasis = [];
    private readonly List<byte> _aliceBit = [];
    private readonly List<byte> _bobBasis = [];
    private readonly List<byte> _bobBit = [];
    private readonly BellDiagonalState[] _one = new BellDiagonalState[1];
    private long _pairsInBlock;
    private long _zInBlock;
    private long _pairs;
    private long _sifted;
    private long _siftedErrors;
    private double _expectedQz;
    private double _expectedQx;
    private long _secretBits;
    private int _blocks;
    private int _discarded;

    /// <summary>Creates the application of session <paramref name="spec"/>.</summary>
    /// <param name="spec">The session; its <c>qkd</c> block (or the bbm92 defaults) sets basis choice, f, block size and ε.</param>
    /// <param name="random">The session's application stream; measurement and public choices derive their own streams from it.</param>
    /// <param name="now">Simulated time, stamped on key blocks.</param>
    /// <param name="sink">Where key blocks go, or null.</param>
    public QkdSessionApplication(SessionSpec spec, RandomStream random, Func<SimTime> now, IQkdKeySink? sink = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        QkdSpec qkd = spec.Qkd ?? new QkdSpec(QkdProtocol.Bbm92);
        _source = spec.Source;
        _destination = spec.Destination;
        _now = now ?? throw new ArgumentNullException(nameof(now));
        Sink = sink;
        _zProbability = qkd.ZBasisProbability;
        _f = qkd.ErrorCorrectionEfficiency;
        BlockSizeBits = qkd.BlockSizeBits is > 0 and <= 50_000_000
            ? qkd.BlockSizeBits
            : throw new ArgumentOutOfRangeException(nameof(spec), qkd.BlockSizeBits, "qkd blockSize must lie between 1 and 5e7 bits.");
        double epsilon = qkd.SecurityParameter;
        var options = new PostProcessingOptions(epsilon * (1 - 1e-5), epsilon * 1e-5);
        _measure = random.Derive("bbm92:measure");
        _post = new Bbm92PostProcessor(options, random.Derive("bbm92:public"));
    }

    /// <summary>Where finished blocks go (key blocks and discards); null to keep none. Settable so the control plane can attach the key manager.</summary>
    public IQkdKeySink? Sink { get; set; }

    /// <summary>Sifted (Z-matched) bits per post-processing block.</summary>
    public long BlockSizeBits { get; }

    /// <summary>Results of the finished blocks, in order (the key bits themselves are not kept here).</summary>
    public List<(QkdBlockOutcome Outcome, int SiftedBits, double Qber, long SecretBits)> BlockLog { get; } = [];

    /// <summary>Measures one delivered pair; runs post-processing when a block is full.</summary>
    public void Accept(BellDiagonalState pair)
    {
        _pairs++;
        _pairsInBlock++;
        _expectedQz += pair.PsiPlus + pair.PsiMinus;
        _expectedQx += pair.PhiMinus + pair.PsiMinus;
        _one[0] = pair;
        DetectionRecords r = Bbm92NetworkMeasurement.Measure(_one, _zProbability, _measure);
        if (r.AliceBasis[0] != r.BobBasis[0])
        {
            return;
        }
        _index.Add(_pairsInBlock - 1);
        _aliceBasis.Add(r.AliceBasis[0]);
        _aliceBit.Add(r.AliceBit[0]);
        _bobBasis.Add(r.BobBasis[0]);
        _bobBit.Add(r.BobBit[0]);
        if (r.AliceBasis[0] == 0)
        {
            _sifted++;
            _siftedErrors += r.AliceBit[0] ^ r.BobBit[0];
            if (++_zInBlock >= BlockSizeBits)
            {
                FinishBlock();
            }
        }
    }

    /// <summary>The figures so far, over <paramref name="servedSeconds"/> of service.</summary>
    public QkdSessionFigures Figures(double servedSeconds)
    {
        double qz = _pairs == 0 ? double.NaN : _expectedQz / _pairs;
        double qx = _pairs == 0 ? double.NaN : _expectedQx / _pairs;
        double perPair = _pairs == 0 ? double.NaN
            : _zProbability * _zProbability * Math.Max(0, 1 - _f * BinaryEntropy.Of(Math.Min(qz, 0.5)) - BinaryEntropy.Of(Math.Min(qx, 0.5)));
        bool served = servedSeconds > 0;
        return new QkdSessionFigures(_pairs, _sifted, _sifted == 0 ? double.NaN : (double)_siftedErrors / _sifted, qz,
            _secretBits, _blocks, _discarded, BlockSizeBits, perPair,
            served ? _secretBits / servedSeconds : double.NaN,
            served && _pairs > 0 ? perPair * _pairs / servedSeconds : double.NaN);
    }

    private void FinishBlock()
    {
        int n = _index.Count;
        var records = new DetectionRecords(0, _pairsInBlock, [.. _index], new byte[n], [.. _aliceBasis], [.. _aliceBit], [.. _bobBasis], [.. _bobBit], n);
        _index.Clear();
        _aliceBasis.Clear();
        _aliceBit.Clear();
        _bobBasis.Clear();
        _bobBit.Clear();
        _pairsInBlock = 0;
        _zInBlock = 0;
        Bbm92BlockResult result = _post.Process(records, _source, _destination, _now());
        BlockLog.Add((result.Outcome, result.SiftedKeyBits, result.Qber, result.SecretBits));
        if (result.Key is { } key)
        {
            _blocks++;
            _secretBits += key.LengthBits;
            Sink?.Accept(key);
        }
        else
        {
            _discarded++;
            Sink?.Discarded(_source, _destination, _now(), result.Outcome);
        }
    }
}
