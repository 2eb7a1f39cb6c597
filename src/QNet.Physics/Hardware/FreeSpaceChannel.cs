using QNet.Kernel;

namespace QNet.Physics.Hardware;

/// <summary>
/// A free-space optical link with a fixed total loss (geometric, atmospheric and pointing losses
/// folded into one figure).
/// </summary>
/// <param name="LengthMetres">Path length in metres (≥ 0), for the propagation delay.</param>
/// <param name="LossDb">Total loss in dB (≥ 0).</param>
public sealed record FreeSpaceChannel(double LengthMetres, double LossDb)
{
    /// <summary>Speed of light in air, in m/s.</summary>
    public const double LightSpeed = 299_792_458.0 / 1.000293;

    /// <summary>Path length in metres.</summary>
    public double LengthMetres { get; } = ParameterGuard.NonNegative(LengthMetres, "length");

    /// <summary>Total loss in dB.</summary>
    public double LossDb { get; } = ParameterGuard.NonNegative(LossDb, "loss");

    /// <summary>Probability that a photon crosses the link: 10^{−loss/10}.</summary>
    public double Transmittance => Math.Pow(10, -LossDb / 10.0);

    /// <summary>One-way propagation time.</summary>
    public SimTime Delay => SimTime.FromSeconds(LengthMetres / LightSpeed);
}
