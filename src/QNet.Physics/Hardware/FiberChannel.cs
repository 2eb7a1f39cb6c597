using QNet.Kernel;

namespace QNet.Physics.Hardware;

/// <summary>
/// An optical fiber: transmittance η(L) = 10^{−αL/10} and propagation delay L/c.
/// </summary>
/// <param name="LengthMetres">Fiber length in metres (≥ 0).</param>
/// <param name="AttenuationDbPerKm">Attenuation α in dB/km (≥ 0); telecom fiber at 1550 nm is about 0.2.</param>
/// <param name="LightSpeedMetresPerSecond">Speed of light in the fiber, in m/s; about 2×10⁸ in glass.</param>
public sealed record FiberChannel(double LengthMetres, double AttenuationDbPerKm = 0.2, double LightSpeedMetresPerSecond = FiberChannel.DefaultLightSpeed)
{
    /// <summary>Speed of light in standard fiber, in m/s.</summary>
    public const double DefaultLightSpeed = 2e8;

    /// <summary>Fiber length in metres.</summary>
    public double LengthMetres { get; } = ParameterGuard.NonNegative(LengthMetres, "length");

    /// <summary>Attenuation in dB/km.</summary>
    public double AttenuationDbPerKm { get; } = ParameterGuard.NonNegative(AttenuationDbPerKm, "attenuation");

    /// <summary>Speed of light in the fiber, in m/s.</summary>
    public double LightSpeedMetresPerSecond { get; } = ParameterGuard.Positive(LightSpeedMetresPerSecond, "lightSpeed");

    /// <summary>Total loss in dB over the whole length.</summary>
    public double LossDb => AttenuationDbPerKm * LengthMetres / 1000.0;

    /// <summary>Probability that a photon crosses the whole fiber.</summary>
    public double Transmittance => TransmittanceOver(LengthMetres);

    /// <summary>Transmittance over part of the fiber (for example one arm to a midpoint station).</summary>
    public double TransmittanceOver(double metres) => Math.Pow(10, -AttenuationDbPerKm * metres / 1000.0 / 10.0);

    /// <summary>One-way propagation time over the whole fiber.</summary>
    public SimTime Delay => DelayOver(LengthMetres);

    /// <summary>One-way propagation time over <paramref name="metres"/> of this fiber.</summary>
    public SimTime DelayOver(double metres) => SimTime.FromSeconds(metres / LightSpeedMetresPerSecond);
}
