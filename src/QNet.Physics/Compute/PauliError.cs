namespace QNet.Physics.Compute;

/// <summary>
/// A probability distribution over the Pauli errors of one or two qubits, up to phase. A single-qubit Pauli is
/// coded by its (x, z) bits as x | z&lt;&lt;1 (I = 0, X = 1, Z = 2, Y = 3), so composing two errors is XOR; a two-qubit
/// error is first | second&lt;&lt;2. Invariant: the weights are non-negative and sum to 1.
/// </summary>
internal sealed class PauliError
{
    private readonly double[] _p;

    private PauliError(double[] p) => _p = p;

    /// <summary>Probability of error code <paramref name="code"/>.</summary>
    public double this[int code] => _p[code];

    /// <summary>Probability of no error.</summary>
    public double None => _p[0];

    /// <summary>No error on <paramref name="qubits"/> qubits (1 or 2).</summary>
    public static PauliError Identity(int qubits)
    {
        var p = new double[qubits == 1 ? 4 : 16];
        p[0] = 1;
        return new PauliError(p);
    }

    /// <summary>The error of teleporting through, or of one half of, a Bell-diagonal pair: Φ+ → I, Ψ+ → X, Φ− → Z, Ψ− → Y.</summary>
    public static PauliError Of(in States.BellDiagonalState pair) => new([pair.PhiPlus, pair.PsiPlus, pair.PhiMinus, pair.PsiMinus]);

    /// <summary>A depolarising channel on 1 or 2 qubits: no error with 1 − p, else any of the 4ⁿ Paulis (I included) alike.</summary>
    public static PauliError Depolarizing(int qubits, double p)
    {
        int n = qubits == 1 ? 4 : 16;
        var w = new double[n];
        Array.Fill(w, p / n);
        w[0] += 1 - p;
        return new PauliError(w);
    }

    /// <summary>An error <paramref name="code"/> that happens with probability <paramref name="p"/>.</summary>
    public static PauliError Flip(int qubits, int code, double p)
    {
        var w = Identity(qubits)._p;
        w[0] = 1 - p;
        w[code] += p;
        return new PauliError(w);
    }

    /// <summary>Both errors, independently (the XOR of their codes).</summary>
    public PauliError Then(PauliError other)
    {
        var w = new double[_p.Length];
        for (int a = 0; a < _p.Length; a++)
        {
            for (int b = 0; b < other._p.Length; b++)
            {
                w[a ^ b] += _p[a] * other._p[b];
            }
        }
        return new PauliError(w);
    }

    /// <summary>The error with each code replaced by <paramref name="map"/>(code) (a Clifford conjugation or a propagation rule).</summary>
    public PauliError Map(int size, Func<int, int> map)
    {
        var w = new double[size];
        for (int a = 0; a < _p.Length; a++)
        {
            w[map(a)] += _p[a];
        }
        return new PauliError(w);
    }
}
