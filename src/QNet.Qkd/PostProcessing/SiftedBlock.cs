using QNet.Qkd.Bb84;

namespace QNet.Qkd.PostProcessing;

/// <summary>
/// The result of sifting one block: Bob announces which pulses clicked and his bases, Alice her
/// bases and intensity classes; both keep the matched-Z bits as raw key and disclose the
/// matched-X bits to count phase errors per intensity.
/// </summary>
internal sealed class SiftedBlock
{
    private SiftedBlock(byte[] aliceKey, byte[] bobKey, byte[] keyClass, double[] xDetections, double[] xErrors)
    {
        AliceKey = aliceKey;
        BobKey = bobKey;
        KeyClass = keyClass;
        XDetections = xDetections;
        XErrors = xErrors;
    }

    /// <summary>Alice's matched-Z bits, one per byte.</summary>
    public byte[] AliceKey { get; }

    /// <summary>Bob's matched-Z bits, one per byte.</summary>
    public byte[] BobKey { get; }

    /// <summary>Intensity class of each key bit (public after sifting).</summary>
    public byte[] KeyClass { get; }

    /// <summary>Matched-X detections per intensity class.</summary>
    public double[] XDetections { get; }

    /// <summary>Errors among them per class.</summary>
    public double[] XErrors { get; }

    public static SiftedBlock Sift(DetectionRecords records)
    {
        int z = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records.AliceBasis[i] == 0 && records.BobBasis[i] == 0)
            {
                z++;
            }
        }
        var alice = new byte[z];
        var bob = new byte[z];
        var cls = new byte[z];
        var xDetections = new double[DecoyBb84Parameters.IntensityClasses];
        var xErrors = new double[DecoyBb84Parameters.IntensityClasses];
        int j = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (records.AliceBasis[i] != records.BobBasis[i])
            {
                continue;
            }
            if (records.AliceBasis[i] == 0)
            {
                alice[j] = records.AliceBit[i];
                bob[j] = records.BobBit[i];
                cls[j] = records.IntensityClass[i];
                j++;
            }
            else
            {
                xDetections[records.IntensityClass[i]]++;
                xErrors[records.IntensityClass[i]] += records.AliceBit[i] ^ records.BobBit[i];
            }
        }
        return new SiftedBlock(alice, bob, cls, xDetections, xErrors);
    }
}
