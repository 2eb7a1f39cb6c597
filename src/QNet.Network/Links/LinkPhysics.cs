using QNet.Kernel;
using QNet.Physics.States;

namespace QNet.Network.Links;

/// <summary>
/// What one heralded attempt on a link amounts to, derived from the hardware: every attempt
/// heralds success with <paramref name="SuccessProbability"/> (true and false heralds alike: the
/// nodes cannot tell them apart), and a herald leaves the pair in <paramref name="HeraldedState"/>,
/// the mixture of true and false heralds weighted by their probabilities, before memory decoherence.
/// </summary>
/// <param name="SuccessProbability">Probability that an attempt heralds (0..1].</param>
/// <param name="AttemptDuration">Time from the start of one attempt to the start of the next.</param>
/// <param name="HeraldLatency">Time from the emission of an attempt until both nodes hold its herald.</param>
/// <param name="WaitA">Time node A's memory qubit waits between emission and the herald.</param>
/// <param name="WaitB">Time node B's memory qubit waits between emission and the herald.</param>
/// <param name="HeraldedState">State of the pair given a herald, before decoherence in the memories.</param>
/// <param name="TrueHeraldFraction">Fraction of heralds caused by detected photons rather than dark counts.</param>
public sealed record LinkPhysics(
    double SuccessProbability,
    SimTime AttemptDuration,
    SimTime HeraldLatency,
    SimTime WaitA,
    SimTime WaitB,
    BellDiagonalState HeraldedState,
    double TrueHeraldFraction)
{
    /// <summary>Expected heralded pairs per second of one channel: p/τ.</summary>
    public double ExpectedRateHz => SuccessProbability / AttemptDuration.Seconds;

    /// <summary>
    /// The physics when the nodes take <paramref name="processing"/> longer to act on each herald result
    /// (the larger of the two ends' processing delays, F4): the pair is usable that much later, both
    /// memories hold their qubits that much longer, and the next attempt waits for the result as well.
    /// Without a delay, this same record.
    /// </summary>
    public LinkPhysics WithProcessingDelay(SimTime processing) => processing.Picoseconds == 0
        ? this
        : this with
        {
            AttemptDuration = AttemptDuration + processing,
            HeraldLatency = HeraldLatency + processing,
            WaitA = WaitA + processing,
            WaitB = WaitB + processing,
        };

    /// <summary>
    /// Builds the physics from unnormalised herald weights on the Bell states (Φ+, Ψ+, Ψ−, Φ−),
    /// i.e. probability of a herald that leaves each state; their sum is the success probability.
    /// </summary>
    internal static LinkPhysics FromHeraldWeights(
        double phiPlus, double psiPlus, double psiMinus, double phiMinus, double trueHerald,
        SimTime attemptDuration, SimTime heraldLatency, SimTime waitA, SimTime waitB)
    {
        double p = phiPlus + psiPlus + psiMinus + phiMinus;
        if (!(p > 0))
        {
            throw new ArgumentException("This link can never herald: the success probability is zero (no light reaches the detectors and there are no dark counts).");
        }
        if (attemptDuration.Picoseconds <= 0)
        {
            throw new ArgumentException("The attempt duration must be positive; give the link a length or an attempt duration.");
        }
        var state = new BellDiagonalState(phiPlus / p, psiPlus / p, psiMinus / p, phiMinus / p);
        return new LinkPhysics(Math.Min(1, p), attemptDuration, heraldLatency, waitA, waitB, state, trueHerald / p);
    }
}
