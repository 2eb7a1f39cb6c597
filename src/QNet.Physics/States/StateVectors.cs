using System.Numerics;

namespace QNet.Physics.States;

/// <summary>State vectors of common pure states (qubit 0 is the most significant bit).</summary>
public static class StateVectors
{
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);

    /// <summary>A Bell state by Pauli label on the second qubit: 0 = Φ+, 1 = Ψ+, 2 = Ψ−, 3 = Φ−.</summary>
    public static Complex[] Bell(int pauli) => pauli switch
    {
        0 => [InvSqrt2, 0, 0, InvSqrt2],
        1 => [0, InvSqrt2, InvSqrt2, 0],
        2 => [0, InvSqrt2, -InvSqrt2, 0],
        3 => [InvSqrt2, 0, 0, -InvSqrt2],
        _ => throw new ArgumentOutOfRangeException(nameof(pauli), pauli, "A Bell label is 0 (Φ+), 1 (Ψ+), 2 (Ψ−) or 3 (Φ−)."),
    };

    /// <summary>The GHZ state (|0…0⟩ + |1…1⟩)/√2 of <paramref name="qubitCount"/> qubits (2..12).</summary>
    public static Complex[] Ghz(int qubitCount)
    {
        if (qubitCount is < 2 or > DensityMatrix.MaxQubits)
        {
            throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, $"A GHZ state has 2 to {DensityMatrix.MaxQubits} qubits.");
        }
        var v = new Complex[1 << qubitCount];
        v[0] = InvSqrt2;
        v[^1] = InvSqrt2;
        return v;
    }

    /// <summary>
    /// The single-qubit state cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩ at polar angle <paramref name="theta"/> and
    /// azimuth <paramref name="phi"/> (radians) on the Bloch sphere.
    /// </summary>
    public static Complex[] Qubit(double theta, double phi) =>
        [Math.Cos(theta / 2), Complex.FromPolarCoordinates(Math.Sin(theta / 2), phi)];

    /// <summary>The tensor product of state vectors, the first one on the leading qubits.</summary>
    public static Complex[] Product(params Complex[][] parts)
    {
        Complex[] result = [1];
        foreach (Complex[] p in parts)
        {
            var next = new Complex[result.Length * p.Length];
            for (int i = 0; i < result.Length; i++)
            {
                for (int j = 0; j < p.Length; j++)
                {
                    next[i * p.Length + j] = result[i] * p[j];
                }
            }
            result = next;
        }
        return result;
    }
}
