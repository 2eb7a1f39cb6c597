using System.Globalization;

namespace QNet.Kernel;

/// <summary>
/// A point or span of simulated time, held as a whole number of picoseconds.
/// A <see cref="long"/> of picoseconds spans about 106 days, far beyond any simulated run.
/// </summary>
public readonly record struct SimTime(long Picoseconds) : IComparable<SimTime>
{
    /// <summary>Picoseconds in one second.</summary>
    public const long PicosecondsPerSecond = 1_000_000_000_000L;

    /// <summary>Time zero, the start of every simulation.</summary>
    public static readonly SimTime Zero = new(0);

    /// <summary>The largest representable time; used as "never".</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    /// <summary>
    /// The latest time a model schedules its own next step at (a herald, a generation): the clock's end less one day, so
    /// the short delays that follow such a step (swap news, deliveries, releases) still fit. Scenario durations stop at
    /// 100 days, below it; a step that would come later is "never".
    /// </summary>
    public static readonly SimTime Horizon = new(long.MaxValue - (86_400 * PicosecondsPerSecond));

    /// <summary>This time in seconds.</summary>
    public double Seconds => Picoseconds / (double)PicosecondsPerSecond;

    /// <summary>Rounds a duration in seconds to the nearest picosecond.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, not finite, or too large.</exception>
    public static SimTime FromSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds * PicosecondsPerSecond >= long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A simulated time must be a finite, non-negative number of seconds below about 106 days.");
        }
        return new SimTime((long)Math.Round(seconds * PicosecondsPerSecond));
    }

    /// <summary>A duration in milliseconds.</summary>
    public static SimTime FromMilliseconds(double milliseconds) => FromSeconds(milliseconds * 1e-3);

    /// <summary>A duration in microseconds.</summary>
    public static SimTime FromMicroseconds(double microseconds) => FromSeconds(microseconds * 1e-6);

    /// <summary>A duration in nanoseconds.</summary>
    public static SimTime FromNanoseconds(double nanoseconds) => FromSeconds(nanoseconds * 1e-9);

    /// <inheritdoc />
    public int CompareTo(SimTime other) => Picoseconds.CompareTo(other.Picoseconds);

    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Picoseconds + b.Picoseconds));
    public static SimTime operator -(SimTime a, SimTime b) => new(a.Picoseconds - b.Picoseconds);
    public static SimTime operator *(SimTime a, long factor) => new(checked(a.Picoseconds * factor));
    public static bool operator <(SimTime a, SimTime b) => a.Picoseconds < b.Picoseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Picoseconds > b.Picoseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Picoseconds <= b.Picoseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Picoseconds >= b.Picoseconds;

    /// <summary>Shows the time in seconds, e.g. <c>1.5s</c>.</summary>
    public override string ToString() => Seconds.ToString("G9", CultureInfo.InvariantCulture) + "s";
}
