using System.Collections.Immutable;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin
{
    /// <summary>Default of <see cref="RetainedEndedSessions"/>.</summary>
    public const int DefaultRetainedEndedSessions = 1000;

    // Sessions in the order they ended (refused, ended, failed or cancelled); the oldest leave memory first.
    private readonly Queue<SessionState> _ended = new();
    private int _retainedEnded = DefaultRetainedEndedSessions;

    /// <summary>
    /// How many ended sessions stay in <see cref="Sessions"/> (and so in <c>GET /sessions</c>); older ones leave
    /// memory once their final state is in the store, which still answers <c>GET /sessions/{id}</c> for them. Set it
    /// on the simulation thread (or before the twin runs). Pending and running sessions always stay.
    /// </summary>
    public int RetainedEndedSessions
    {
        get => _retainedEnded;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(RetainedEndedSessions));
            _retainedEnded = value;
            ForgetEnded();
        }
    }

    /// <summary>Every id this twin has stored or loaded (for duplicate checks of ids that left memory).</summary>
    public SessionIdFilter Ids { get; } = new();

    /// <summary>How many sessions have left memory so far (read by API threads to detect an eviction during a store lookup).</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    private long _evictions;

    /// <summary>Ended sessions waiting in memory, for tests and the memory benchmark.</summary>
    public int EndedInMemory => _ended.Count;

    /// <summary>
    /// Drops the oldest ended sessions beyond <see cref="RetainedEndedSessions"/> whose last write has completed
    /// (the store answers for them from then on). Runs on the simulation thread after each ending and each step;
    /// a session whose write is still queued waits for a later call, so memory stays bounded by the retention plus
    /// the writes in flight.
    /// </summary>
    public void ForgetEnded()
    {
        ImmutableDictionary<string, SessionState>.Builder? builder = null;
        while (_ended.Count > _retainedEnded && _ended.Peek() is { } oldest && oldest.Stored is { IsCompleted: true })
        {
            _ended.Dequeue();
            Interlocked.Increment(ref _evictions);
            string id = oldest.Info.Spec.Id;
            // The id may have been reused after a restart's Remember; remove only this very session.
            if (_sessions.TryGetValue(id, out var current) && ReferenceEquals(current, oldest))
            {
                builder ??= _sessions.ToBuilder();
                builder.Remove(id);
            }
        }
        if (builder is not null)
        {
            _sessions = builder.ToImmutable();
        }
    }
}
