using System.Numerics;
using QNet.Physics.Noise;

namespace QNet.Physics.States;

public sealed partial class DensityMatrix
{
    /// <summary>Applies a single-qubit unitary U to <paramref name="qubit"/>: ρ → UρU†.</summary>
    public DensityMatrix ApplyUnitary(int qubit, SingleQubitOperator unitary) => ApplyKraus(qubit, [unitary]);

    /// <summary>
    /// Applies a two-qubit unitary to (<paramref name="first"/>, <paramref name="second"/>); the operator's
    /// local index is 2·bit(first) + bit(second). For <see cref="TwoQubitOperator.Cnot"/>, first is the control.
    /// </summary>
    public DensityMatrix ApplyUnitary(int first, int second, TwoQubitOperator unitary) => ApplyKraus(first, second, [unitary]);

    /// <summary>Applies the Pauli by index (0 = I, 1 = X, 2 = Y, 3 = Z) to <paramref name="qubit"/>.</summary>
    public DensityMatrix ApplyPauli(int qubit, int pauli) => pauli == 0 ? this : ApplyUnitary(qubit, SingleQubitOperator.Pauli(pauli));

    /// <summary>Applies a noise channel's exact Kraus map to <paramref name="qubit"/>.</summary>
    public DensityMatrix ApplyChannel(INoiseChannel channel, int qubit) => ApplyKraus(qubit, channel.KrausOperators);

    /// <summary>
    /// Applies the single-qubit channel ρ → Σₖ KₖρKₖ† to <paramref name="qubit"/>. The Kraus operators are
    /// folded into a 4×4 superoperator once, then each of the 4ⁿ⁻¹ 2×2 blocks is transformed in place.
    /// The operators are assumed to satisfy Σ Kₖ†Kₖ = I (trace preserving); they are not checked here.
    /// </summary>
    public DensityMatrix ApplyKraus(int qubit, IReadOnlyList<SingleQubitOperator> kraus)
    {
        int mask = Mask(qubit);
        Span<Complex> s = stackalloc Complex[16];
        foreach (SingleQubitOperator k in kraus)
        {
            for (int a = 0; a < 2; a++)
            {
                for (int b = 0; b < 2; b++)
                {
                    for (int c = 0; c < 2; c++)
                    {
                        for (int e = 0; e < 2; e++)
                        {
                            s[(a * 2 + b) * 4 + c * 2 + e] += k[a, c] * Complex.Conjugate(k[b, e]);
                        }
                    }
                }
            }
        }
        Complex s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5], s6 = s[6], s7 = s[7];
        Complex s8 = s[8], s9 = s[9], s10 = s[10], s11 = s[11], s12 = s[12], s13 = s[13], s14 = s[14], s15 = s[15];
        int d = Dimension, stride = mask << 1;
        Span<Complex> rho = _rho;
        // Rows and columns come in pairs (x, x | mask); walk the pairs block by block so the inner loop is contiguous.
        for (int rb = 0; rb < d; rb += stride)
        {
            for (int r0 = rb; r0 < rb + mask; r0++)
            {
                Span<Complex> row0 = rho.Slice(r0 * d, d), row1 = rho.Slice((r0 + mask) * d, d);
                for (int cb = 0; cb < d; cb += stride)
                {
                    for (int c0 = cb; c0 < cb + mask; c0++)
                    {
                        int c1 = c0 + mask;
                        Complex v0 = row0[c0], v1 = row0[c1], v2 = row1[c0], v3 = row1[c1];
                        row0[c0] = s0 * v0 + s1 * v1 + s2 * v2 + s3 * v3;
                        row0[c1] = s4 * v0 + s5 * v1 + s6 * v2 + s7 * v3;
                        row1[c0] = s8 * v0 + s9 * v1 + s10 * v2 + s11 * v3;
                        row1[c1] = s12 * v0 + s13 * v1 + s14 * v2 + s15 * v3;
                    }
                }
            }
        }
        return this;
    }

    /// <summary>
    /// Applies the two-qubit channel ρ → Σₖ KₖρKₖ† to (<paramref name="first"/>, <paramref name="second"/>)
    /// through a 16×16 superoperator acting on each 4×4 block in place.
    /// </summary>
    public DensityMatrix ApplyKraus(int first, int second, IReadOnlyList<TwoQubitOperator> kraus)
    {
        int m1 = Mask(first), m2 = Mask(second);
        if (m1 == m2)
        {
            throw new ArgumentException($"A two-qubit operation needs two different qubits; got {first} twice.", nameof(second));
        }
        var s = new Complex[256];
        foreach (TwoQubitOperator k in kraus)
        {
            for (int a = 0; a < 4; a++)
            {
                for (int b = 0; b < 4; b++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        for (int e = 0; e < 4; e++)
                        {
                            s[(a * 4 + b) * 16 + c * 4 + e] += k[a, c] * Complex.Conjugate(k[b, e]);
                        }
                    }
                }
            }
        }
        // Keep only the non-zero superoperator entries, grouped by output element: gates such as CNOT
        // touch 16 of 256 and Pauli mixtures a quarter, so the block update costs far less than 16×16.
        var start = new int[17];
        var source = new List<int>(256);
        var weight = new List<Complex>(256);
        for (int ab = 0; ab < 16; ab++)
        {
            start[ab] = source.Count;
            for (int ce = 0; ce < 16; ce++)
            {
                Complex w = s[ab * 16 + ce];
                if (w.Real * w.Real + w.Imaginary * w.Imaginary > 1e-30)
                {
                    source.Add(ce);
                    weight.Add(w);
                }
            }
        }
        start[16] = source.Count;
        int[] src = [.. source];
        Complex[] wts = [.. weight];
        Span<int> offset = [0, m2, m1, m1 | m2];
        Span<int> index = stackalloc int[16];
        Span<Complex> v = stackalloc Complex[16];
        int d = Dimension, both = m1 | m2;
        for (int r = 0; r < d; r++)
        {
            if ((r & both) != 0)
            {
                continue;
            }
            for (int c = 0; c < d; c++)
            {
                if ((c & both) != 0)
                {
                    continue;
                }
                for (int ab = 0; ab < 16; ab++)
                {
                    int i = (r | offset[ab >> 2]) * d + (c | offset[ab & 3]);
                    index[ab] = i;
                    v[ab] = _rho[i];
                }
                for (int ab = 0; ab < 16; ab++)
                {
                    Complex sum = 0;
                    for (int e = start[ab]; e < start[ab + 1]; e++)
                    {
                        sum += wts[e] * v[src[e]];
                    }
                    _rho[index[ab]] = sum;
                }
            }
        }
        return this;
    }

    /// <summary>
    /// Two-qubit depolarising on (<paramref name="first"/>, <paramref name="second"/>):
    /// ρ → (1−p)ρ + p·(I/4 ⊗ tr₁₂ρ), as the 16 two-qubit Paulis with weights 1 − 15p/16 and p/16.
    /// </summary>
    public DensityMatrix ApplyTwoQubitDepolarizing(int first, int second, double probability)
    {
        if (double.IsNaN(probability) || probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability must lie in [0, 1].");
        }
        var kraus = new TwoQubitOperator[16];
        for (int i = 0; i < 16; i++)
        {
            double weight = i == 0 ? 1 - 15 * probability / 16 : probability / 16;
            kraus[i] = TwoQubitOperator.Tensor(SingleQubitOperator.Pauli(i >> 2), SingleQubitOperator.Pauli(i & 3)).Scale(Math.Sqrt(weight));
        }
        return ApplyKraus(first, second, kraus);
    }
}
