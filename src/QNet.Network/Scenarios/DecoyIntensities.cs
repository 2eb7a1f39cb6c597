namespace QNet.Network.Scenarios;

/// <summary>
/// One value per decoy-state class: used for the mean photon numbers (<c>intensities</c>) and for
/// how often each class is sent (<c>intensityProbabilities</c>).
/// </summary>
/// <param name="Signal"><c>signal</c>: μ, or the probability of sending a signal pulse.</param>
/// <param name="Decoy"><c>decoy</c>: ν, or the probability of sending a decoy pulse.</param>
/// <param name="Vacuum"><c>vacuum</c>: the vacuum intensity (usually 0), or the probability of sending it.</param>
public sealed record DecoyIntensities(double Signal, double Decoy, double Vacuum = 0)
{
    /// <summary>Signal value.</summary>
    public double Signal { get; } = SpecGuard.NonNegative(Signal, "signal");

    /// <summary>Decoy value.</summary>
    public double Decoy { get; } = SpecGuard.NonNegative(Decoy, "decoy");

    /// <summary>Vacuum value.</summary>
    public double Vacuum { get; } = SpecGuard.NonNegative(Vacuum, "vacuum");
}
