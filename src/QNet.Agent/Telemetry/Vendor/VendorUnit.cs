namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// A unit a vendor reports in. Each converts to the base unit of one <see cref="UnitDimension"/>, which QNet's
/// metric names state by their suffix (<c>_seconds</c>, <c>_hertz</c>, <c>_ratio</c>; counters are plain counts).
/// </summary>
public enum VendorUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
    Minutes,
    Hertz,
    Kilohertz,
    Megahertz,

    /// <summary>Counts per second: hertz by another name.</summary>
    CountsPerSecond,

    /// <summary>Counts per minute.</summary>
    CountsPerMinute,
    Ratio,
    Percent,
    PartsPerMillion,

    /// <summary>
    /// An attenuation in decibels (positive = loss), converted to a transmittance ratio 10^(−dB/10): QNet exports
    /// ratios, never dB.
    /// </summary>
    DecibelLoss,

    /// <summary>A plain count (counters).</summary>
    Count,
}

/// <summary>What a quantity measures; a vendor unit must have the dimension of the QNet metric it maps to.</summary>
public enum UnitDimension
{
    Time,
    Frequency,
    Ratio,
    Count,
}
