using QNet.Kernel;
using QNet.Physics.States;
using QNet.Qkd.Bb84;

namespace QNet.Qkd.Bbm92;

/// <summary>
/// BBM92 measurement of entangled pairs delivered by the network (over any path, after swapping and
/// purification), each given as a Bell-diagonal state relative to Φ+. Each end picks Z with
/// probability p_Z, else X. For Φ+ both bases give equal bits; the pair's Pauli error label, drawn
/// from the Bell-diagonal weights, flips the Z correlation for X or Y (Q_Z = λX + λY) and the X
/// correlation for Z or Y (Q_X = λZ + λY). Mismatched bases give independent bits. Each end's
/// readout flips its bit with the given readout error. The records feed <see cref="Bbm92PostProcessor"/>.
/// </summary>
public static class Bbm92NetworkMeasurement
{
    /// <summary>Measures every pair of <paramref name="pairs"/> (one record per pair, pulse index = position in the stream).</summary>
    public static DetectionRecords Measure(IEnumerable<BellDiagonalState> pairs, double zBasisProbability, RandomStream random, double readoutError = 0)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(random);
        if (zBasisProbability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(zBasisProbability), zBasisProbability, "zBasisProbability must lie strictly between 0 and 1.");
        }
        if (readoutError is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(readoutError), readoutError, "readoutError must lie between 0 and 0.5.");
        }
        var index = new List<long>();
        var aBasis = new List<byte>();
        var aBit = new List<byte>();
        var bBasis = new List<byte>();
        var bBit = new List<byte>();
        long n = 0;
        foreach (var pair in pairs)
        {
            int alice = random.NextBernoulli(zBasisProbability) ? 0 : 1;
            int bob = random.NextBernoulli(zBasisProbability) ? 0 : 1;
            double u = random.NextDouble();
            int error = u < pair.PhiPlus ? 0 : u < pair.PhiPlus + pair.PsiPlus ? 1 : u < pair.PhiPlus + pair.PsiPlus + pair.PsiMinus ? 2 : 3;
            int bitA = (int)(random.NextUInt64() >> 63);
            int bitB;
            if (alice != bob)
            {
                bitB = (int)(random.NextUInt64() >> 63);
            }
            else
            {
                // Z basis: X (1) and Y (2) flip; X basis: Z (3) and Y (2) flip.
                bool flip = alice == 0 ? error is 1 or 2 : error is 3 or 2;
                bitB = bitA ^ (flip ? 1 : 0);
            }
            bitA ^= random.NextBernoulli(readoutError) ? 1 : 0;
            bitB ^= random.NextBernoulli(readoutError) ? 1 : 0;
            index.Add(n++);
            aBasis.Add((byte)alice);
            aBit.Add((byte)bitA);
            bBasis.Add((byte)bob);
            bBit.Add((byte)bitB);
        }
        return new DetectionRecords(0, n, [.. index], new byte[index.Count], [.. aBasis], [.. aBit], [.. bBasis], [.. bBit], index.Count);
    }
}
