namespace QNet.Network.Sessions;

/// <summary>
/// How a session failed by a fault is re-admitted: the first attempt <see cref="InitialDelaySeconds"/> after it failed,
/// each next one <see cref="Multiplier"/> times later, at most <see cref="MaxDelaySeconds"/> apart, until it is
/// re-admitted, its own time is up, it is cancelled, or <see cref="MaxAttempts"/> attempts were made. A link or node
/// coming back (a fault cleared) triggers an attempt at once, so recovery does not wait for the backoff.
/// </summary>
/// <param name="InitialDelaySeconds">Delay before the first attempt, in simulated seconds (default 1 s).</param>
/// <param name="Multiplier">Backoff factor between attempts (default 2).</param>
/// <param name="MaxDelaySeconds">Longest delay between attempts, in seconds (default 60 s).</param>
/// <param name="MaxAttempts">Attempts before it stays failed; null for no limit (the default: it retries until its time is up).</param>
public sealed record RetryPolicy(double InitialDelaySeconds = 1, double Multiplier = 2, double MaxDelaySeconds = 60, int? MaxAttempts = null)
{
    /// <summary>The defaults: 1 s, doubling, at most 60 s apart, no attempt limit.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>No re-admission: a session failed by a fault stays failed.</summary>
    public static RetryPolicy None { get; } = new(MaxAttempts: 0);

    /// <summary>Delay before the first attempt, in seconds (&gt; 0).</summary>
    public double InitialDelaySeconds { get; } = InitialDelaySeconds > 0 && double.IsFinite(InitialDelaySeconds)
        ? InitialDelaySeconds
        : throw new ArgumentOutOfRangeException(nameof(InitialDelaySeconds), InitialDelaySeconds, "the first retry delay must be a positive number of seconds.");

    /// <summary>Backoff factor (≥ 1).</summary>
    public double Multiplier { get; } = Multiplier >= 1 && double.IsFinite(Multiplier)
        ? Multiplier
        : throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier, "the backoff multiplier must be at least 1.");

    /// <summary>Longest delay, in seconds (≥ the first).</summary>
    public double MaxDelaySeconds { get; } = MaxDelaySeconds >= InitialDelaySeconds && double.IsFinite(MaxDelaySeconds)
        ? MaxDelaySeconds
        : throw new ArgumentOutOfRangeException(nameof(MaxDelaySeconds), MaxDelaySeconds, "the longest retry delay must be at least the first.");

    /// <summary>Attempt limit, or null.</summary>
    public int? MaxAttempts { get; } = MaxAttempts is null or >= 0
        ? MaxAttempts
        : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "the attempt limit must not be negative.");

    /// <summary>Delay before attempt <paramref name="attempt"/> (1 for the first), in seconds.</summary>
    public double DelayBefore(int attempt) => Math.Min(MaxDelaySeconds, InitialDelaySeconds * Math.Pow(Multiplier, attempt - 1));
}
