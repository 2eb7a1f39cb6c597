using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Switching;

/// <summary>
/// One leaf of a switch: the leaf node and the link that fills its buffer at the switch. The link makes
/// attempts of <paramref name="AttemptDuration"/> back to back, each heralding a pair with
/// <paramref name="SuccessProbability"/>, so pairs arrive at rate p/τ (geometric gaps in whole attempts).
/// </summary>
/// <param name="Node">Leaf node id.</param>
/// <param name="Link">Id of the link between the switch and the leaf.</param>
/// <param name="SuccessProbability">Per-attempt herald probability, in (0, 1].</param>
/// <param name="AttemptDuration">Time from one attempt's start to the next's, &gt; 0.</param>
public sealed record SwitchLeaf(string Node, string Link, double SuccessProbability, SimTime AttemptDuration)
{
    /// <summary>Per-attempt herald probability.</summary>
    public double SuccessProbability { get; } = SuccessProbability is > 0 and <= 1
        ? SuccessProbability
        : throw new ArgumentOutOfRangeException(nameof(SuccessProbability), SuccessProbability, "successProbability must be greater than 0 and at most 1.");

    /// <summary>Attempt duration.</summary>
    public SimTime AttemptDuration { get; } = AttemptDuration.Picoseconds > 0
        ? AttemptDuration
        : throw new ArgumentOutOfRangeException(nameof(AttemptDuration), AttemptDuration, "attempt duration must be positive.");

    /// <summary>
    /// The heralded pair's state (the link's physics; a perfect Φ+ by default). The switch's storage model is loss, not
    /// dephasing: a stored qubit is either intact or gone (the analytic buffer models' assumption), so this is also the
    /// state it has when swapped.
    /// </summary>
    public BellDiagonalState State { get; init; } = BellDiagonalState.Perfect;

    /// <summary>Mean generation rate of the leaf link, p/τ, in pairs per second.</summary>
    public double RateHz => SuccessProbability / AttemptDuration.Seconds;
}
