namespace QNet.ControlPlane.Twin;

/// <summary>
/// The twin's own clock as a <see cref="TimeProvider"/>: <see cref="Epoch"/> plus the simulated time. The metric
/// history and the in-process SLO evaluator run on it, so at a time factor of 100 an hour-long SLO window passes
/// in 36 wall-clock seconds, exactly as it would for the simulated network.
/// </summary>
internal sealed class TwinClock(DateTimeOffset epoch) : TimeProvider
{
    private long _picoseconds;

    /// <summary>Wall-clock time at which the twin's simulated time was zero.</summary>
    public DateTimeOffset Epoch { get; } = epoch;

    /// <summary>Sets the simulated time (simulation thread).</summary>
    public void Set(Kernel.SimTime now) => Interlocked.Exchange(ref _picoseconds, now.Picoseconds);

    /// <summary>The simulated time last set.</summary>
    public Kernel.SimTime Simulated => new(Interlocked.Read(ref _picoseconds));

    /// <summary>The twin time of a simulated instant.</summary>
    public DateTimeOffset At(Kernel.SimTime t) => Epoch.AddTicks(Ticks(t));

    /// <summary>A clock that reads <paramref name="twinTime"/> at the simulated instant <paramref name="start"/> (zero unless a test starts the twin late).</summary>
    public static TwinClock Reading(DateTimeOffset twinTime, Kernel.SimTime start) => new(twinTime.AddTicks(-Ticks(start)));

    /// <summary>
    /// The twin time of an event's simulated seconds on a twin clock whose simulated zero is <paramref name="epoch"/>
    /// (this process's <see cref="Epoch"/>, or a remote twin's as its API reports it), to the nearest tick.
    /// </summary>
    public static DateTimeOffset At(DateTimeOffset epoch, double simulatedSeconds) =>
        epoch.AddTicks((long)Math.Round(simulatedSeconds * TimeSpan.TicksPerSecond));

    public override DateTimeOffset GetUtcNow() => At(new Kernel.SimTime(Interlocked.Read(ref _picoseconds)));

    private static long Ticks(Kernel.SimTime t) => t.Picoseconds / 100_000;
}
