using QNet.Physics.States;

namespace QNet.Physics.Noise;

/// <summary>A Pauli channel: X, Y, Z with the given probabilities, identity otherwise.</summary>
/// <param name="Probabilities">Error probabilities; each in [0, 1], summing to at most 1.</param>
public sealed record PauliChannel(PauliProbabilities Probabilities) : INoiseChannel
{
    /// <summary>The error probabilities.</summary>
    public PauliProbabilities Probabilities { get; } =
        Probabilities.X < 0 || Probabilities.Y < 0 || Probabilities.Z < 0 || Probabilities.I < -1e-12
            || double.IsNaN(Probabilities.I)
            ? throw new ArgumentOutOfRangeException(nameof(Probabilities), Probabilities, "Pauli probabilities must be non-negative and sum to at most 1.")
            : Probabilities;

    /// <inheritdoc />
    public IReadOnlyList<SingleQubitOperator> KrausOperators =>
    [
        SingleQubitOperator.Identity.Scale(Math.Sqrt(Math.Max(0, Probabilities.I))),
        SingleQubitOperator.PauliX.Scale(Math.Sqrt(Probabilities.X)),
        SingleQubitOperator.PauliY.Scale(Math.Sqrt(Probabilities.Y)),
        SingleQubitOperator.PauliZ.Scale(Math.Sqrt(Probabilities.Z)),
    ];

    /// <inheritdoc />
    public PauliProbabilities PauliTwirl => Probabilities;
}
