namespace QNet.ControlPlane.Mitigation;

/// <summary>
/// The shed-load action's state, read by the sessions API on every request: while on, a session request with a
/// priority below <see cref="BelowPriority"/> is answered 429 with Retry-After instead of being queued. Set on the
/// simulation thread, read by API threads (each field read whole; a request racing a change sees either state).
/// </summary>
internal sealed class LoadShedder
{
    private volatile bool _on;
    private volatile int _below;
    private volatile int _retryAfter = 1;

    /// <summary>True while requests are shed.</summary>
    public bool On => _on;

    /// <summary>Requests below this priority are shed while on.</summary>
    public int BelowPriority => _below;

    /// <summary>Starts shedding; false when it was already on with the same settings.</summary>
    public bool Start(int belowPriority, int retryAfterSeconds)
    {
        bool changed = !_on || _below != belowPriority || _retryAfter != retryAfterSeconds;
        _below = belowPriority;
        _retryAfter = retryAfterSeconds;
        _on = true;
        return changed;
    }

    /// <summary>Stops shedding; false when it was off.</summary>
    public bool Stop()
    {
        bool was = _on;
        _on = false;
        return was;
    }

    /// <summary>The Retry-After in seconds for a request of <paramref name="priority"/> that is shed now, or null to serve it.</summary>
    public int? RetryAfter(int priority) => _on && priority < _below ? _retryAfter : null;
}
