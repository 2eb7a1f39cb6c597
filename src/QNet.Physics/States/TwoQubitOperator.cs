using System.Numerics;

namespace QNet.Physics.States;

/// <summary>
/// A 4×4 complex matrix acting on two qubits (a gate or a Kraus operator). The local basis index is
/// 2·b1 + b2, where b1 is the bit of the first qubit the operator is applied to and b2 of the second.
/// </summary>
public sealed class TwoQubitOperator
{
    private readonly Complex[] _m;

    /// <summary>Creates an operator from 16 elements in row-major order.</summary>
    public TwoQubitOperator(ReadOnlySpan<Complex> rowMajor)
    {
        if (rowMajor.Length != 16)
        {
            throw new ArgumentException($"A two-qubit operator needs 16 elements; got {rowMajor.Length}.", nameof(rowMajor));
        }
        _m = rowMajor.ToArray();
    }

    /// <summary>Element by row and column (0..3).</summary>
    public Complex this[int row, int column] => _m[row * 4 + column];

    /// <summary>CNOT with the first qubit as control and the second as target.</summary>
    public static TwoQubitOperator Cnot { get; } = new([
        1, 0, 0, 0,
        0, 1, 0, 0,
        0, 0, 0, 1,
        0, 0, 1, 0]);

    /// <summary>Controlled Z.</summary>
    public static TwoQubitOperator Cz { get; } = new([
        1, 0, 0, 0,
        0, 1, 0, 0,
        0, 0, 1, 0,
        0, 0, 0, -1]);

    /// <summary>The tensor product a ⊗ b (a on the first qubit, b on the second).</summary>
    public static TwoQubitOperator Tensor(SingleQubitOperator a, SingleQubitOperator b)
    {
        Span<Complex> m = stackalloc Complex[16];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                m[r * 4 + c] = a[r >> 1, c >> 1] * b[r & 1, c & 1];
            }
        }
        return new TwoQubitOperator(m);
    }

    /// <summary>This operator multiplied by a scalar.</summary>
    public TwoQubitOperator Scale(Complex factor)
    {
        Span<Complex> m = stackalloc Complex[16];
        for (int i = 0; i < 16; i++)
        {
            m[i] = _m[i] * factor;
        }
        return new TwoQubitOperator(m);
    }
}
