namespace QNet.Qkd.Bb84;

/// <summary>
/// The pulses of one block in which Bob's detectors clicked, as both parties recorded them:
/// Alice's intensity class, basis and bit, and Bob's basis and bit (double clicks already
/// given a random bit, as real systems do). Basis 0 is Z, 1 is X. Only clicked pulses are kept;
/// <see cref="PulsesSent"/> counts every pulse of the block.
/// </summary>
public sealed class DetectionRecords
{
    internal DetectionRecords(long firstPulse, long pulsesSent, long[] pulseIndex, byte[] intensityClass, byte[] aliceBasis, byte[] aliceBit, byte[] bobBasis, byte[] bobBit, int count)
    {
        FirstPulse = firstPulse;
        PulsesSent = pulsesSent;
        PulseIndex = pulseIndex;
        IntensityClass = intensityClass;
        AliceBasis = aliceBasis;
        AliceBit = aliceBit;
        BobBasis = bobBasis;
        BobBit = bobBit;
        Count = count;
    }

    /// <summary>Index of the first pulse of the block.</summary>
    public long FirstPulse { get; }

    /// <summary>Pulses Alice sent in this block, clicked or not.</summary>
    public long PulsesSent { get; }

    /// <summary>Number of clicked pulses recorded.</summary>
    public int Count { get; }

    /// <summary>Pulse index of each record (increasing).</summary>
    public long[] PulseIndex { get; }

    /// <summary>Alice's intensity class: 0 signal, 1 decoy, 2 vacuum.</summary>
    public byte[] IntensityClass { get; }

    /// <summary>Alice's basis: 0 Z, 1 X.</summary>
    public byte[] AliceBasis { get; }

    /// <summary>Alice's bit.</summary>
    public byte[] AliceBit { get; }

    /// <summary>Bob's basis: 0 Z, 1 X.</summary>
    public byte[] BobBasis { get; }

    /// <summary>Bob's bit.</summary>
    public byte[] BobBit { get; }
}
