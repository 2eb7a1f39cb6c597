using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Links;

/// <summary>
/// An abstract link for analytic studies: each attempt succeeds with probability p, takes a fixed
/// time and delivers a Werner pair of the given fidelity. An optional path gives its herald the
/// path's one-way delay (added to the attempt cycle, since a memory waits for the herald before it
/// retries); without one, messages take no time, as in the analytic models.
/// </summary>
/// <param name="SuccessProbability">p, in (0, 1].</param>
/// <param name="AttemptDuration">Duration of one attempt (&gt; 0).</param>
/// <param name="Fidelity">Fidelity of the delivered Werner pair (0..1).</param>
/// <param name="Path">Optional path for the classical delay.</param>
public sealed record ProbabilisticLink(double SuccessProbability, SimTime AttemptDuration, double Fidelity, OpticalPath? Path = null) : ILinkModel
{
    /// <summary>p, validated.</summary>
    public double SuccessProbability { get; } = SuccessProbability is > 0 and <= 1
        ? SuccessProbability
        : throw new ArgumentOutOfRangeException(nameof(SuccessProbability), SuccessProbability, "successProbability must lie in (0, 1].");

    /// <summary>Attempt duration, validated.</summary>
    public SimTime AttemptDuration { get; } = AttemptDuration.Picoseconds > 0
        ? AttemptDuration
        : throw new ArgumentOutOfRangeException(nameof(AttemptDuration), AttemptDuration, "attemptDuration must be positive.");

    /// <summary>Fidelity, validated.</summary>
    public double Fidelity { get; } = Fidelity is >= 0 and <= 1
        ? Fidelity
        : throw new ArgumentOutOfRangeException(nameof(Fidelity), Fidelity, "fidelity must lie in [0, 1].");

    /// <inheritdoc />
    public string Scheme => "probabilistic";

    /// <inheritdoc />
    public LinkPhysics Derive()
    {
        var delay = Path?.OneWayDelay ?? SimTime.Zero;
        var w = BellDiagonalState.Werner(Fidelity);
        double p = SuccessProbability;
        return LinkPhysics.FromHeraldWeights(
            w.PhiPlus * p, w.PsiPlus * p, w.PsiMinus * p, w.PhiMinus * p, p,
            AttemptDuration + delay, AttemptDuration + delay, AttemptDuration + delay, AttemptDuration + delay);
    }
}
