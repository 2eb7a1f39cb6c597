using QNet.Qkd.PostProcessing;
using QNet.Qkd.PostProcessing.Cascade;
using QNet.Qkd.Theory;

namespace QNet.Qkd.Sweep;

/// <summary>The post-processing figures of a sweep point summed over its blocks, the same for BB84 and BBM92.</summary>
internal sealed class QkdBlockTally
{
    /// <summary>Matched-Z bits before the test samples were removed.</summary>
    public long SiftedBits { get; private set; }

    /// <summary>Secret bits produced.</summary>
    public long SecretBits { get; private set; }

    /// <summary>Blocks that produced no key (failed verification or no secret bits).</summary>
    public int Discarded { get; private set; }

    private long _leaked;
    private long _corrected;
    private long _keyBits;

    /// <summary>QBER of the keys measured by error correction: bits flipped over key bits (0 without key bits).</summary>
    public double Qber => _keyBits == 0 ? 0 : (double)_corrected / _keyBits;

    /// <summary>Cascade's efficiency f = leaked / (key bits · h(QBER)); NaN when nothing was corrected.</summary>
    public double ErrorCorrectionEfficiency => _corrected == 0 ? double.NaN : _leaked / (_keyBits * BinaryEntropy.Of(Qber));

    /// <summary>Adds one block's figures.</summary>
    public void Add(QkdBlockOutcome outcome, int siftedKeyBits, QberEstimate sampledQber, CascadeOutcome cascade, long secretBits)
    {
        SiftedBits += siftedKeyBits;
        SecretBits += secretBits;
        _leaked += cascade.LeakedBits;
        _corrected += cascade.CorrectedBits;
        _keyBits += siftedKeyBits - sampledQber.SampleBits;
        Discarded += outcome == QkdBlockOutcome.KeyProduced ? 0 : 1;
    }
}
