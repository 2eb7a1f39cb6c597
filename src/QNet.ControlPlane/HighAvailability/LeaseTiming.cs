namespace QNet.ControlPlane.HighAvailability;

/// <summary>
/// Pace of the PostgreSQL lease. Invariant (fencing by time, docs/high-availability.md): a leader cut off from the
/// database notices within <see cref="Interval"/> + <see cref="CheckTimeout"/> and stops, well before the server
/// drops its lock session (TCP keep-alive: <see cref="ServerKeepaliveSeconds"/> idle, then 3 probes 2 s apart).
/// </summary>
/// <param name="Interval">Period of the lease check, acquisition attempt and heartbeat; bounds takeover after a crash.</param>
/// <param name="CheckTimeout">Longest wait for the leader's check query on its lock connection before it deposes itself.</param>
/// <param name="StaleAfter">A replica whose heartbeat is older than this is taken for gone (not offered as the leader to forward to).</param>
public sealed record LeaseTiming(TimeSpan Interval, TimeSpan CheckTimeout, TimeSpan StaleAfter)
{
    /// <summary>Idle seconds before the server probes a silent lock session (with 3 probes 2 s apart it drops it after 11 s).</summary>
    public const int ServerKeepaliveSeconds = 5;

    /// <summary>Half a second between checks, 2 s check timeout, 3 s heartbeat staleness.</summary>
    public static LeaseTiming Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

    /// <summary>Check interval.</summary>
    public TimeSpan Interval { get; } = Interval > TimeSpan.Zero && Interval <= TimeSpan.FromSeconds(10)
        ? Interval : throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "lease interval must be greater than 0 and at most 10 s");

    /// <summary>Check timeout (whole seconds on the wire, at least 1).</summary>
    public TimeSpan CheckTimeout { get; } = CheckTimeout >= TimeSpan.FromSeconds(1) && CheckTimeout.TotalSeconds + Interval.TotalSeconds < ServerKeepaliveSeconds + 6
        ? CheckTimeout : throw new ArgumentOutOfRangeException(nameof(CheckTimeout), CheckTimeout, "lease check timeout must be at least 1 s and, with the interval, shorter than the server's 11 s drop of a silent session");

    /// <summary>Heartbeat staleness.</summary>
    public TimeSpan StaleAfter { get; } = StaleAfter > Interval
        ? StaleAfter : throw new ArgumentOutOfRangeException(nameof(StaleAfter), StaleAfter, "heartbeat staleness must be longer than the lease interval");
}
