using System.Numerics;

namespace QNet.Physics.States;

/// <summary>
/// A 2×2 complex matrix acting on one qubit (a gate or a Kraus operator), rows and columns in the
/// computational basis |0⟩, |1⟩.
/// </summary>
/// <param name="M00">Row 0, column 0.</param>
/// <param name="M01">Row 0, column 1.</param>
/// <param name="M10">Row 1, column 0.</param>
/// <param name="M11">Row 1, column 1.</param>
public readonly record struct SingleQubitOperator(Complex M00, Complex M01, Complex M10, Complex M11)
{
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);

    /// <summary>The identity.</summary>
    public static SingleQubitOperator Identity => new(1, 0, 0, 1);

    /// <summary>Pauli X (bit flip).</summary>
    public static SingleQubitOperator PauliX => new(0, 1, 1, 0);

    /// <summary>Pauli Y = iXZ.</summary>
    public static SingleQubitOperator PauliY => new(0, -Complex.ImaginaryOne, Complex.ImaginaryOne, 0);

    /// <summary>Pauli Z (phase flip).</summary>
    public static SingleQubitOperator PauliZ => new(1, 0, 0, -1);

    /// <summary>The Hadamard gate.</summary>
    public static SingleQubitOperator Hadamard => new(InvSqrt2, InvSqrt2, InvSqrt2, -InvSqrt2);

    /// <summary>The Pauli matrix by index: 0 = I, 1 = X, 2 = Y, 3 = Z.</summary>
    public static SingleQubitOperator Pauli(int index) => index switch
    {
        0 => Identity,
        1 => PauliX,
        2 => PauliY,
        3 => PauliZ,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A Pauli index is 0 (I), 1 (X), 2 (Y) or 3 (Z)."),
    };

    /// <summary>Rotation about X by <paramref name="radians"/>: e^{−iθX/2}.</summary>
    public static SingleQubitOperator Rx(double radians)
    {
        double c = Math.Cos(radians / 2), s = Math.Sin(radians / 2);
        return new(c, new Complex(0, -s), new Complex(0, -s), c);
    }

    /// <summary>Rotation about Y by <paramref name="radians"/>: e^{−iθY/2}.</summary>
    public static SingleQubitOperator Ry(double radians)
    {
        double c = Math.Cos(radians / 2), s = Math.Sin(radians / 2);
        return new(c, -s, s, c);
    }

    /// <summary>Rotation about Z by <paramref name="radians"/>: e^{−iθZ/2}.</summary>
    public static SingleQubitOperator Rz(double radians) =>
        new(Complex.FromPolarCoordinates(1, -radians / 2), 0, 0, Complex.FromPolarCoordinates(1, radians / 2));

    /// <summary>This matrix multiplied by a scalar.</summary>
    public SingleQubitOperator Scale(Complex factor) => new(M00 * factor, M01 * factor, M10 * factor, M11 * factor);

    /// <summary>The conjugate transpose.</summary>
    public SingleQubitOperator Adjoint() =>
        new(Complex.Conjugate(M00), Complex.Conjugate(M10), Complex.Conjugate(M01), Complex.Conjugate(M11));

    /// <summary>Element by row and column (0 or 1).</summary>
    public Complex this[int row, int column] => (row, column) switch
    {
        (0, 0) => M00,
        (0, 1) => M01,
        (1, 0) => M10,
        (1, 1) => M11,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>Matrix product a·b (b acts first).</summary>
    public static SingleQubitOperator operator *(SingleQubitOperator a, SingleQubitOperator b) => new(
        a.M00 * b.M00 + a.M01 * b.M10, a.M00 * b.M01 + a.M01 * b.M11,
        a.M10 * b.M00 + a.M11 * b.M10, a.M10 * b.M01 + a.M11 * b.M11);

    /// <summary>Trace of the matrix.</summary>
    public Complex Trace => M00 + M11;
}
