using System.Numerics;
using QNet.Kernel;

namespace QNet.Physics.States;

public sealed partial class DensityMatrix
{
    /// <summary>Probability of <paramref name="outcome"/> (0 or 1) when measuring <paramref name="qubit"/> in <paramref name="basis"/>.</summary>
    public double OutcomeProbability(int qubit, MeasurementBasis basis, int outcome)
    {
        CheckOutcome(outcome);
        int mask = Mask(qubit);
        if (basis == MeasurementBasis.Z)
        {
            return ZProbability(mask, outcome);
        }
        // ⟨±|ρ|±⟩ on the qubit = (ρ00 + ρ11 ± 2 Re ρ01)/2, summed over the other qubits.
        double diag = 0, coherence = 0;
        int d = Dimension;
        for (int r = 0; r < d; r++)
        {
            if ((r & mask) == 0)
            {
                diag += _rho[r * d + r].Real + _rho[(r | mask) * d + (r | mask)].Real;
                coherence += _rho[r * d + (r | mask)].Real;
            }
        }
        return outcome == 0 ? (diag + 2 * coherence) / 2 : (diag - 2 * coherence) / 2;
    }

    /// <summary>
    /// Projects <paramref name="qubit"/> onto <paramref name="outcome"/> in <paramref name="basis"/> and
    /// renormalises; the qubit stays in the register in the measured eigenstate. Returns the outcome's
    /// probability. Throws if the outcome is impossible (probability below 1e-15).
    /// </summary>
    public double Project(int qubit, MeasurementBasis basis, int outcome)
    {
        double p = OutcomeProbability(qubit, basis, outcome);
        if (p < 1e-15)
        {
            throw new InvalidOperationException($"Outcome {outcome} of qubit {qubit} in the {basis} basis has probability {p}; cannot project onto it.");
        }
        if (basis == MeasurementBasis.X)
        {
            ApplyUnitary(qubit, SingleQubitOperator.Hadamard);
        }
        int mask = Mask(qubit), keep = outcome == 0 ? 0 : mask, d = Dimension;
        double scale = 1 / p;
        for (int r = 0; r < d; r++)
        {
            bool rowKept = (r & mask) == keep;
            for (int c = 0; c < d; c++)
            {
                int i = r * d + c;
                _rho[i] = rowKept && (c & mask) == keep ? _rho[i] * scale : Complex.Zero;
            }
        }
        if (basis == MeasurementBasis.X)
        {
            ApplyUnitary(qubit, SingleQubitOperator.Hadamard);
        }
        return p;
    }

    /// <summary>
    /// Measures <paramref name="qubit"/> in <paramref name="basis"/>: draws the outcome from
    /// <paramref name="random"/> with the Born probabilities and leaves the post-measurement state.
    /// </summary>
    public MeasurementResult Measure(int qubit, MeasurementBasis basis, RandomStream random)
    {
        double p0 = OutcomeProbability(qubit, basis, 0);
        int outcome = random.NextDouble() < p0 ? 0 : 1;
        double p = Project(qubit, basis, outcome);
        return new MeasurementResult(outcome, p);
    }

    /// <summary>
    /// The reduced state of the qubits in <paramref name="keep"/>, in that order (new qubit i is old
    /// qubit keep[i]); all other qubits are traced out. This register is unchanged.
    /// </summary>
    public DensityMatrix PartialTrace(params int[] keep)
    {
        if (keep.Length == 0 || keep.Distinct().Count() != keep.Length)
        {
            throw new ArgumentException("Keep at least one qubit, each at most once.", nameof(keep));
        }
        int[] traced = Enumerable.Range(0, QubitCount).Except(keep).ToArray();
        int[] keptOffset = Offsets(keep);
        int[] tracedOffset = Offsets(traced);
        DensityMatrix result = Allocate(keep.Length);
        int dk = result.Dimension, d = Dimension;
        for (int r = 0; r < dk; r++)
        {
            for (int c = 0; c < dk; c++)
            {
                Complex sum = 0;
                foreach (int t in tracedOffset)
                {
                    sum += _rho[(keptOffset[r] | t) * d + (keptOffset[c] | t)];
                }
                result._rho[r * dk + c] = sum;
            }
        }
        return result;
    }

    // Offsets[i] is the full-register index bits of local index i over the given qubits (first = most significant).
    private int[] Offsets(int[] qubits)
    {
        int[] masks = qubits.Select(Mask).ToArray();
        var offsets = new int[1 << qubits.Length];
        for (int i = 0; i < offsets.Length; i++)
        {
            int o = 0;
            for (int q = 0; q < masks.Length; q++)
            {
                if ((i >> (masks.Length - 1 - q) & 1) != 0)
                {
                    o |= masks[q];
                }
            }
            offsets[i] = o;
        }
        return offsets;
    }

    private double ZProbability(int mask, int outcome)
    {
        double p = 0;
        int d = Dimension, want = outcome == 0 ? 0 : mask;
        for (int r = 0; r < d; r++)
        {
            if ((r & mask) == want)
            {
                p += _rho[r * d + r].Real;
            }
        }
        return p;
    }

    private static void CheckOutcome(int outcome)
    {
        if (outcome is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A measurement outcome is 0 or 1.");
        }
    }
}
