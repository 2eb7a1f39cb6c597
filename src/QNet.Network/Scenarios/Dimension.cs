namespace QNet.Network.Scenarios;

/// <summary>The physical dimension of a unit-suffixed value in a scenario file.</summary>
public enum Dimension
{
    /// <summary>A length; SI unit metre (m, km).</summary>
    Length,

    /// <summary>A duration; SI unit second (ps, ns, us, µs, ms, s, min, h).</summary>
    Duration,

    /// <summary>A frequency or rate; SI unit hertz (Hz, kHz, MHz, GHz).</summary>
    Frequency,

    /// <summary>Fiber attenuation; canonical unit dB/km (dB/km, dB/m).</summary>
    Attenuation,

    /// <summary>A loss figure; unit decibel (dB).</summary>
    Loss,

    /// <summary>A speed; SI unit metre per second (m/s, km/s).</summary>
    Speed,
}
