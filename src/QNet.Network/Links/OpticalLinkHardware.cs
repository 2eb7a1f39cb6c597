using QNet.Kernel;
using QNet.Physics.Hardware;

namespace QNet.Network.Links;

/// <summary>
/// The hardware shared by the optical heralding schemes: the path, the detectors (at the midpoint
/// station or at the receiving node) and the nodes' photon sources.
/// </summary>
/// <param name="Path">The optical path between the two nodes.</param>
/// <param name="Detector">The detectors that herald.</param>
/// <param name="Source">The photon sources (collection efficiency, repetition rate).</param>
public sealed record OpticalLinkHardware(OpticalPath Path, Detector Detector, PhotonSource Source)
{
    /// <summary>Efficiency outside the fiber: source collection × detector efficiency.</summary>
    public double ExtraEfficiency => Source.Efficiency * Detector.Efficiency;

    /// <summary>Probability that one photon sent to a midpoint station clicks there: η_extra·√η.</summary>
    public double ArmEfficiency => ExtraEfficiency * Path.ArmTransmittance;

    /// <summary>Dark-count probability of one detector in one detection window.</summary>
    public double DarkCount => Detector.DarkCountProbability;

    /// <summary>
    /// The hardware as a detector with dead time sees it: the detector's efficiency replaced by
    /// η_eff = η/(1 + Rτ) (non-paralyzable dead time), R the click rate of one detector without dead time:
    /// signal clicks (<paramref name="photonsPerDetectorPerAttempt"/> arriving photons per attempt × η,
    /// one attempt per <paramref name="cycle"/>) plus its dark and background clicks. The returned detector
    /// has its dead time folded in (zero). Without dead time this returns the same hardware.
    /// </summary>
    public OpticalLinkHardware Saturated(double photonsPerDetectorPerAttempt, SimTime cycle)
    {
        if (Detector.DeadTimeSeconds == 0)
        {
            return this;
        }
        double signalClicksHz = photonsPerDetectorPerAttempt * Detector.Efficiency / cycle.Seconds;
        return this with { Detector = Detector.Saturated(signalClicksHz) };
    }

    /// <summary>An attempt cannot be shorter than the source's emission period.</summary>
    public SimTime LimitByRepetitionRate(SimTime propagation)
    {
        if (double.IsPositiveInfinity(Source.RepetitionRateHz))
        {
            return propagation;
        }
        SimTime period = SimTime.FromSeconds(1 / Source.RepetitionRateHz);
        return period > propagation ? period : propagation;
    }
}
