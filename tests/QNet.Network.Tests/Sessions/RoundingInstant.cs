using QNet.Kernel;

namespace QNet.Network.Tests.Sessions;

/// <summary>Instants late in a run whose own seconds convert back to a later picosecond (a double resolves about 2 ps there).</summary>
internal static class RoundingInstant
{
    /// <summary>The first such instant from <paramref name="hours"/> hours of simulated time on.</summary>
    public static SimTime HoursIn(int hours)
    {
        long ps = SimTime.FromSeconds(hours * 3600.0).Picoseconds;
        while (SimTime.FromSeconds(new SimTime(ps).Seconds).Picoseconds <= ps)
        {
            ps++;
        }
        return new SimTime(ps);
    }
}
