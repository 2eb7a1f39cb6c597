namespace QNet.Agent.Client;

/// <summary>
/// The agent's wait before each connection attempt: <see cref="Min"/> after a stream that registered (it was a success,
/// however it ended), then doubling after each attempt that did not register, up to <see cref="Max"/>. Not thread-safe:
/// the connect loop alone uses it.
/// </summary>
internal sealed class ReconnectBackoff
{
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        Min = min > TimeSpan.Zero ? min : throw new ArgumentOutOfRangeException(nameof(min), min, "the shortest backoff must be positive");
        Max = max >= min ? max : throw new ArgumentOutOfRangeException(nameof(max), max, "the longest backoff must be at least the shortest");
        _next = min;
    }

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    /// <summary>The wait after an attempt that ended (<paramref name="registered"/>: its stream had registered); the one after it doubles.</summary>
    public TimeSpan After(bool registered)
    {
        var wait = registered ? Min : _next;
        _next = TimeSpan.FromTicks(Math.Min(Max.Ticks, wait.Ticks * 2));
        return wait;
    }
}
