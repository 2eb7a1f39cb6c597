using QNet.Kernel;

namespace QNet.Qkd;

/// <summary>Simulated time of a pulse on a QKD link.</summary>
internal static class LinkTime
{
    /// <summary>
    /// The time of pulse <paramref name="pulse"/> at <paramref name="pulseRateHz"/>. Very lossy links can
    /// need more link time than <see cref="SimTime"/> holds (about 106 days); such times saturate at
    /// <see cref="SimTime.MaxValue"/> instead of failing, since the rate per pulse is still meaningful.
    /// </summary>
    public static SimTime AtPulse(long pulse, double pulseRateHz)
    {
        double seconds = pulse / pulseRateHz;
        return seconds * SimTime.PicosecondsPerSecond >= long.MaxValue ? SimTime.MaxValue : SimTime.FromSeconds(seconds);
    }
}
