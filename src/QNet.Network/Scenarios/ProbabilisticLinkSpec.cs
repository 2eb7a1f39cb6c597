namespace QNet.Network.Scenarios;

/// <summary>The parameters of an abstract (probabilistic) link, for analytic studies.</summary>
/// <param name="SuccessProbability"><c>successProbability</c> of one attempt (0 &lt; p ≤ 1).</param>
/// <param name="AttemptDurationSeconds"><c>attemptDuration</c> in seconds (&gt; 0).</param>
/// <param name="Fidelity"><c>fidelity</c> of the delivered Werner pair (0.25 ≤ F ≤ 1).</param>
public sealed record ProbabilisticLinkSpec(double SuccessProbability, double AttemptDurationSeconds, double Fidelity)
{
    /// <summary>Success probability per attempt.</summary>
    public double SuccessProbability { get; } = SuccessProbability is > 0 and <= 1
        ? SuccessProbability
        : throw new ArgumentOutOfRangeException(nameof(SuccessProbability), SuccessProbability, "successProbability must be greater than 0 and at most 1.");

    /// <summary>Attempt duration in seconds.</summary>
    public double AttemptDurationSeconds { get; } = SpecGuard.Positive(AttemptDurationSeconds, "attemptDuration");

    /// <summary>Werner fidelity of a delivered pair.</summary>
    public double Fidelity { get; } = Fidelity is >= 0.25 and <= 1
        ? Fidelity
        : throw new ArgumentOutOfRangeException(nameof(Fidelity), Fidelity, "fidelity of a Werner pair must lie between 0.25 and 1.");
}
