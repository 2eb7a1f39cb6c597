using System.Numerics;
using QNet.Physics.Noise;

namespace QNet.Physics.States;

/// <summary>
/// A general n-qubit density matrix ρ (2ⁿ×2ⁿ, complex), the exact representation for any noise
/// (amplitude damping, gate errors) and for states of more than two qubits (GHZ).
/// Qubit 0 is the most significant bit of a basis index, so |q0 q1 … q(n−1)⟩ is the usual
/// Kronecker order. Gates, channels and measurements act in place on 2×2 or 4×4 blocks by index
/// arithmetic; no full 2ⁿ×2ⁿ operator is ever built. A register is mutable and not thread-safe.
/// </summary>
public sealed partial class DensityMatrix : IQuantumState
{
    /// <summary>Largest supported register: 12 qubits (a 4096×4096 matrix, 256 MiB).</summary>
    public const int MaxQubits = 12;

    private readonly Complex[] _rho;

    private DensityMatrix(int qubitCount, Complex[] rho)
    {
        QubitCount = qubitCount;
        Dimension = 1 << qubitCount;
        _rho = rho;
    }

    /// <summary>The number of qubits n.</summary>
    public int QubitCount { get; }

    /// <summary>The matrix dimension 2ⁿ.</summary>
    public int Dimension { get; }

    /// <summary>Element ρ[row, column].</summary>
    public Complex this[int row, int column] => _rho[row * Dimension + column];

    /// <summary>The trace (1 for a normalised state).</summary>
    public double Trace
    {
        get
        {
            double t = 0;
            for (int i = 0; i < Dimension; i++)
            {
                t += _rho[i * Dimension + i].Real;
            }
            return t;
        }
    }

    /// <summary>The purity tr(ρ²) (1 for a pure state, 2⁻ⁿ for the maximally mixed state).</summary>
    public double Purity
    {
        get
        {
            // tr(ρ²) = Σ_ij ρ_ij ρ_ji = Σ_ij |ρ_ij|² for Hermitian ρ.
            double p = 0;
            foreach (Complex z in _rho)
            {
                p += z.Real * z.Real + z.Imaginary * z.Imaginary;
            }
            return p;
        }
    }

    /// <summary>The state |0…0⟩ of <paramref name="qubitCount"/> qubits.</summary>
    public static DensityMatrix Zero(int qubitCount)
    {
        DensityMatrix m = Allocate(qubitCount);
        m._rho[0] = 1;
        return m;
    }

    /// <summary>The maximally mixed state I/2ⁿ.</summary>
    public static DensityMatrix MaximallyMixed(int qubitCount)
    {
        DensityMatrix m = Allocate(qubitCount);
        double v = 1.0 / m.Dimension;
        for (int i = 0; i < m.Dimension; i++)
        {
            m._rho[i * m.Dimension + i] = v;
        }
        return m;
    }

    /// <summary>The pure state |ψ⟩⟨ψ| of a normalised state vector of length 2ⁿ.</summary>
    public static DensityMatrix FromPure(ReadOnlySpan<Complex> stateVector)
    {
        int n = QubitsForLength(stateVector.Length, nameof(stateVector));
        double norm = 0;
        foreach (Complex z in stateVector)
        {
            norm += z.Real * z.Real + z.Imaginary * z.Imaginary;
        }
        if (Math.Abs(norm - 1) > 1e-9)
        {
            throw new ArgumentException($"A state vector must have norm 1; got squared norm {norm}.", nameof(stateVector));
        }
        DensityMatrix m = Allocate(n);
        int d = m.Dimension;
        for (int r = 0; r < d; r++)
        {
            for (int c = 0; c < d; c++)
            {
                m._rho[r * d + c] = stateVector[r] * Complex.Conjugate(stateVector[c]);
            }
        }
        return m;
    }

    /// <summary>The GHZ state (|0…0⟩ + |1…1⟩)/√2 of <paramref name="qubitCount"/> qubits (at least 2).</summary>
    public static DensityMatrix Ghz(int qubitCount) => FromPure(StateVectors.Ghz(qubitCount));

    /// <summary>One of the four Bell states, by Pauli label on the second qubit (0 = Φ+, 1 = Ψ+, 2 = Ψ−, 3 = Φ−).</summary>
    public static DensityMatrix Bell(int pauli) => FromPure(StateVectors.Bell(pauli));

    /// <summary>The Werner state of fidelity F: F·Φ+ and (1−F)/3 on each other Bell state.</summary>
    public static DensityMatrix Werner(double fidelity) => FromBellDiagonal(BellDiagonalState.Werner(fidelity));

    /// <summary>The two-qubit density matrix Σᵢ λᵢ|Bᵢ⟩⟨Bᵢ| of a Bell-diagonal state (exact).</summary>
    public static DensityMatrix FromBellDiagonal(in BellDiagonalState state)
    {
        DensityMatrix m = Allocate(2);
        // Φ± = (|00⟩ ± |11⟩)/√2 live on indices 0 and 3; Ψ± = (|01⟩ ± |10⟩)/√2 on 1 and 2.
        double phiSum = (state.PhiPlus + state.PhiMinus) / 2, phiDiff = (state.PhiPlus - state.PhiMinus) / 2;
        double psiSum = (state.PsiPlus + state.PsiMinus) / 2, psiDiff = (state.PsiPlus - state.PsiMinus) / 2;
        m._rho[0] = phiSum;
        m._rho[3] = phiDiff;
        m._rho[12] = phiDiff;
        m._rho[15] = phiSum;
        m._rho[5] = psiSum;
        m._rho[6] = psiDiff;
        m._rho[9] = psiDiff;
        m._rho[10] = psiSum;
        return m;
    }

    /// <summary>
    /// The Bell-diagonal state with weights ⟨Bᵢ|ρ|Bᵢ⟩ of this two-qubit state: its Bell twirl, which keeps
    /// the fidelity and every Bell weight and drops the off-diagonal (Bell-basis) coherences.
    /// Exact (no loss) when the state is Bell-diagonal.
    /// </summary>
    public BellDiagonalState ToBellDiagonal()
    {
        RequirePair();
        double tr = Trace;
        double phiPlus = (_rho[0].Real + _rho[15].Real + 2 * _rho[3].Real) / 2;
        double phiMinus = (_rho[0].Real + _rho[15].Real - 2 * _rho[3].Real) / 2;
        double psiPlus = (_rho[5].Real + _rho[10].Real + 2 * _rho[6].Real) / 2;
        double psiMinus = (_rho[5].Real + _rho[10].Real - 2 * _rho[6].Real) / 2;
        return new BellDiagonalState(
            Math.Max(0, phiPlus) / tr, Math.Max(0, psiPlus) / tr, Math.Max(0, psiMinus) / tr, Math.Max(0, phiMinus) / tr).Normalized();
    }

    /// <summary>Fidelity ⟨Φ+|ρ|Φ+⟩ of a two-qubit state.</summary>
    public double Fidelity
    {
        get
        {
            RequirePair();
            return (_rho[0].Real + _rho[15].Real + 2 * _rho[3].Real) / 2;
        }
    }

    /// <summary>Fidelity ⟨ψ|ρ|ψ⟩ to a pure state given by its state vector of length 2ⁿ.</summary>
    public double FidelityTo(ReadOnlySpan<Complex> stateVector)
    {
        if (stateVector.Length != Dimension)
        {
            throw new ArgumentException($"The state vector has length {stateVector.Length}; this register needs {Dimension}.", nameof(stateVector));
        }
        Complex sum = 0;
        for (int r = 0; r < Dimension; r++)
        {
            if (stateVector[r] == Complex.Zero)
            {
                continue;
            }
            Complex row = 0;
            for (int c = 0; c < Dimension; c++)
            {
                row += _rho[r * Dimension + c] * stateVector[c];
            }
            sum += Complex.Conjugate(stateVector[r]) * row;
        }
        return sum.Real;
    }

    /// <summary>The tensor product this ⊗ <paramref name="other"/>; this register's qubits come first.</summary>
    public DensityMatrix Tensor(DensityMatrix other)
    {
        DensityMatrix m = Allocate(QubitCount + other.QubitCount);
        int d = m.Dimension, db = other.Dimension;
        for (int ra = 0; ra < Dimension; ra++)
        {
            for (int ca = 0; ca < Dimension; ca++)
            {
                Complex a = _rho[ra * Dimension + ca];
                if (a == Complex.Zero)
                {
                    continue;
                }
                for (int rb = 0; rb < db; rb++)
                {
                    int row = (ra * db + rb) * d + ca * db;
                    for (int cb = 0; cb < db; cb++)
                    {
                        m._rho[row + cb] = a * other._rho[rb * db + cb];
                    }
                }
            }
        }
        return m;
    }

    /// <summary>
    /// The mixture Σ wᵢρᵢ of registers of equal size (weights non-negative; they are not renormalised,
    /// so sub-normalised branches of a measurement can be summed directly).
    /// </summary>
    public static DensityMatrix Mixture(IEnumerable<(double Weight, DensityMatrix State)> parts)
    {
        DensityMatrix? result = null;
        foreach ((double w, DensityMatrix state) in parts)
        {
            if (double.IsNaN(w) || w < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(parts), w, "Mixture weights must be non-negative.");
            }
            result ??= Allocate(state.QubitCount);
            if (state.QubitCount != result.QubitCount)
            {
                throw new ArgumentException("All parts of a mixture must have the same number of qubits.", nameof(parts));
            }
            for (int i = 0; i < result._rho.Length; i++)
            {
                result._rho[i] += w * state._rho[i];
            }
        }
        return result ?? throw new ArgumentException("A mixture needs at least one part.", nameof(parts));
    }

    /// <summary>An independent copy.</summary>
    public DensityMatrix Clone() => new(QubitCount, (Complex[])_rho.Clone());

    /// <summary>Largest |ρ − σ| element-wise difference to another register of the same size.</summary>
    public double MaxDifference(DensityMatrix other)
    {
        if (other.QubitCount != QubitCount)
        {
            throw new ArgumentException("Registers differ in size.", nameof(other));
        }
        double max = 0;
        for (int i = 0; i < _rho.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(_rho[i] - other._rho[i]));
        }
        return max;
    }

    /// <summary>Shows the size and trace.</summary>
    public override string ToString() => $"DensityMatrix({QubitCount} qubits, trace {Trace:F6})";

    IQuantumState IQuantumState.ApplyNoise(INoiseChannel channel, int qubit) => ApplyChannel(channel, qubit);

    private static DensityMatrix Allocate(int qubitCount)
    {
        if (qubitCount is < 1 or > MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"A density matrix holds 1 to {MaxQubits} qubits.");
        }
        int d = 1 << qubitCount;
        return new DensityMatrix(qubitCount, new Complex[d * d]);
    }

    private static int QubitsForLength(int length, string name)
    {
        if (length < 2 || !BitOperations.IsPow2(length))
        {
            throw new ArgumentException($"A state vector's length must be a power of two of at least 2; got {length}.", name);
        }
        return BitOperations.Log2((uint)length);
    }

    private void RequirePair()
    {
        if (QubitCount != 2)
        {
            throw new InvalidOperationException($"Fidelity to Φ+ needs a two-qubit state; this one has {QubitCount} qubits (use FidelityTo or PartialTrace).");
        }
    }

    private int Mask(int qubit)
    {
        if ((uint)qubit >= (uint)QubitCount)
        {
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"Qubit index must lie in 0..{QubitCount - 1}.");
        }
        return 1 << (QubitCount - 1 - qubit);
    }
}
