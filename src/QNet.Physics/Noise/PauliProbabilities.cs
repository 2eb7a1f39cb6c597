using System.Numerics;
using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>Probabilities of the X, Y and Z errors of a Pauli channel; the identity has 1 − X − Y − Z.</summary>
/// <param name="X">Probability of an X (bit-flip) error.</param>
/// <param name="Y">Probability of a Y error.</param>
/// <param name="Z">Probability of a Z (phase-flip) error.</param>
public readonly record struct PauliProbabilities(double X, double Y, double Z)
{
    /// <summary>Probability of no error.</summary>
    public double I => 1 - X - Y - Z;

    /// <summary>
    /// The Pauli twirl of any channel from its Kraus operators: p_σ = Σₖ |tr(σKₖ)|²/4 for σ ∈ {I, X, Y, Z}.
    /// </summary>
    public static PauliProbabilities FromKraus(IReadOnlyList<SingleQubitOperator> kraus)
    {
        Span<double> p = stackalloc double[4];
        foreach (SingleQubitOperator k in kraus)
        {
            for (int s = 0; s < 4; s++)
            {
                Complex t = (SingleQubitOperator.Pauli(s).Adjoint() * k).Trace / 2;
                p[s] += t.Real * t.Real + t.Imaginary * t.Imaginary;
            }
        }
        return new PauliProbabilities(p[1], p[2], p[3]);
    }
}
