using System.Globalization;
using Microsoft.Extensions.Logging;
using QNet.Kernel;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Where the twin's clock ends. Simulated time is a <see cref="long"/> of picoseconds (<see cref="SimTime"/>), about
/// 106.7 days; the twin stops advancing at <see cref="End"/>, the kernel's <see cref="SimTime.Horizon"/> (a day short of
/// the last picosecond, so every short delay a model schedules there still fits), and stays there: the API keeps
/// answering, <c>/health</c> reports <c>degraded</c> (<see cref="TwinHealthReason.ClockEnded"/>) and the network
/// produces nothing more until <c>qnet up</c> is restarted, which starts the simulated clock again from zero.
/// It warns once when less than <see cref="WarningSeconds"/> of simulated time is left, and says once that the end
/// came. Simulation thread only, apart from the read-only figures.
/// </summary>
internal sealed class TwinClockEnd
{
    /// <summary>The least simulated time left at which the warning comes: three days (at real time, three days to plan a restart), as the ticket's.</summary>
    public const double MinimumWarningSeconds = QNet.Sre.MetricCatalogue.TwinClockWarningSeconds;

    /// <summary>The least wall-clock time left at which the warning comes at a fast time factor: one hour.</summary>
    public const double MinimumWarningWallSeconds = 3_600;

    private bool _warned;
    private bool _ended;

    /// <param name="timeFactor">Simulated seconds per wall-clock second (sets the wall time the warning gives).</param>
    /// <param name="end">Where the clock stops; <see cref="SimTime.Horizon"/> unless a test asks for another.</param>
    public TwinClockEnd(double timeFactor, SimTime? end = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeFactor);
        End = end ?? SimTime.Horizon;
        TimeFactor = timeFactor;
        WarningSeconds = Math.Max(MinimumWarningSeconds, MinimumWarningWallSeconds * timeFactor);
    }

    /// <summary>The last simulated time the twin advances to.</summary>
    public SimTime End { get; }

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double TimeFactor { get; }

    /// <summary>Simulated seconds left below which the warning comes: three days, or an hour of wall time if that is more.</summary>
    public double WarningSeconds { get; }

    /// <summary>Whether <see cref="Check"/> has seen the clock at its end.</summary>
    public bool Ended => Volatile.Read(ref _ended);

    /// <summary>Simulated seconds from <paramref name="now"/> to <see cref="End"/> (0 at or past it).</summary>
    public double RemainingSeconds(SimTime now) => now >= End ? 0 : (End - now).Seconds;

    /// <summary>
    /// <paramref name="start"/> plus <paramref name="elapsedSeconds"/> of simulated time, but never past <see cref="End"/>
    /// (and never an overflow, however large the elapsed time).
    /// </summary>
    public SimTime Target(SimTime start, double elapsedSeconds)
    {
        if (start >= End)
        {
            return End;
        }
        double picoseconds = Math.Max(0, elapsedSeconds) * SimTime.PicosecondsPerSecond;
        return picoseconds >= (End - start).Picoseconds ? End : new SimTime(start.Picoseconds + (long)picoseconds);
    }

    /// <summary>
    /// Logs, once each, the warning when less than <see cref="WarningSeconds"/> is left at <paramref name="now"/> and the
    /// error when the end is reached; <paramref name="twinNow"/> is the twin clock's time at <paramref name="now"/>.
    /// </summary>
    public void Check(SimTime now, DateTimeOffset twinNow, ILogger logger)
    {
        double left = RemainingSeconds(now);
        if (left <= 0 && !_ended)
        {
            Volatile.Write(ref _ended, true);
            _warned = true;
            if (logger.IsEnabled(LogLevel.Error))
            {
                logger.LogError(
                    "the twin's clock reached its end ({Days} simulated days, twin time {At}): the network no longer advances (no pairs, no key) and /health reports degraded (clock-ended); the API still answers. Restart qnet up to start the twin's clock again from zero: sessions, faults and keys are restored from the store",
                    Days(End.Seconds), twinNow.ToString("u", CultureInfo.InvariantCulture));
            }
        }
        else if (left > 0 && left < WarningSeconds && !_warned)
        {
            _warned = true;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning(
                    "the twin's clock ends in {Left} simulated days (about {Wall} h of wall time at time factor {Factor}), at twin time {At}: the twin then stops advancing. Restart qnet up before then to start its clock again from zero: sessions, faults and keys are restored from the store",
                    Days(left), (left / TimeFactor / 3600).ToString("0.#", CultureInfo.InvariantCulture), TimeFactor.ToString(CultureInfo.InvariantCulture),
                    twinNow.AddSeconds(left).ToString("u", CultureInfo.InvariantCulture));
            }
        }
    }

    private static string Days(double seconds) => (seconds / 86_400).ToString("0.###", CultureInfo.InvariantCulture);
}
