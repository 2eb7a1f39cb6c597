using System.Diagnostics;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The traces of the twin's sessions (activity source <c>QNet.Twin</c>): one W3C trace per session. Its root span
/// <c>session {id}</c> starts when the session is submitted (admission) and ends when the session ends (refused,
/// completed, failed, cancelled). Under it: one short span per session change, and per event kind one
/// <see cref="SpanWindow"/> span per wall-clock <see cref="Window"/> that counts every herald, swap, delivery or
/// loss of the session in that window and keeps the first <see cref="EventsPerWindow"/> as span events; so the
/// cost per herald is a dictionary lookup and a counter, and a session yields a few spans per second whatever its
/// rate. Timestamps are the wall-clock times at which the twin processed the events; the simulated time is the
/// attribute <c>qnet.simulated_seconds</c>. Simulation thread only; spans exist only when a tracer listens.
/// </summary>
internal sealed class SessionTracer(TimeProvider time, TimeSpan window)
{
    /// <summary>Name of the activity source.</summary>
    public const string SourceName = "QNet.Twin";

    /// <summary>Span events kept per window span (the rest are only counted).</summary>
    public const int EventsPerWindow = 8;

    /// <summary>Default window of the herald, swap, delivery and loss spans.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(1);

    /// <summary>The activity source of twin traces.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private readonly Dictionary<string, SessionTrace> _live = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Tracer on the system clock with the default window.</summary>
    public SessionTracer()
        : this(TimeProvider.System, DefaultWindow)
    {
    }

    /// <summary>Wall-clock length of a window span.</summary>
    public TimeSpan Window { get; } = window > TimeSpan.Zero ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "window must be positive");

    /// <summary>Sessions with an open root span.</summary>
    public int LiveSessions => _live.Count;

    /// <summary>
    /// Starts the root span of session <paramref name="sessionId"/> in a new trace and returns its ids. A session
    /// resumed after a restart passes its stored ids: its new span (<c>session {id} resumed</c>) continues that trace.
    /// Without a listener the ids are random and no span is made. <paramref name="requestedBy"/> (the HTTP request
    /// that asked for the session) becomes a span link: the request's trace and the session's stay separate traces.
    /// </summary>
    public (string TraceId, string SpanId) Begin(string sessionId, string origin, string application, string? traceId, string? spanId,
        ActivityContext? requestedBy = null)
    {
        bool resumed = traceId is not null && spanId is not null;
        var parent = resumed
            ? new ActivityContext(ActivityTraceId.CreateFromString(traceId), ActivitySpanId.CreateFromString(spanId), ActivityTraceFlags.Recorded)
            : default;
        var previous = Activity.Current;
        // A new trace: the session's root must not become a child of whatever runs on this thread.
        Activity.Current = null;
        var links = requestedBy is { } request && request != default ? new[] { new ActivityLink(request) } : null;
        var root = Source.StartActivity(resumed ? $"session {sessionId} resumed" : $"session {sessionId}", ActivityKind.Internal, parent,
            links: links, startTime: time.GetUtcNow());
        Activity.Current = previous;
        if (root is null)
        {
            return resumed ? (traceId!, spanId!) : (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());
        }
        root.SetTag("qnet.session", sessionId);
        root.SetTag("qnet.origin", origin);
        root.SetTag("qnet.session_class", application);
        if (_live.Remove(sessionId, out var stale))
        {
            stale.End(time.GetUtcNow(), Window, "superseded", null);
        }
        _live[sessionId] = new SessionTrace(root);
        return resumed ? (traceId!, spanId!) : (root.TraceId.ToHexString(), root.SpanId.ToHexString());
    }

    /// <summary>
    /// Records one event of <paramref name="kind"/> for a session; returns the span it was counted in (make it
    /// <see cref="Activity.Current"/> while recording metrics so histogram exemplars point at the session's trace),
    /// or null when the session has no live trace.
    /// </summary>
    public Activity? Event(string sessionId, string kind, double simulatedSeconds, double value, bool success, params ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_live.TryGetValue(sessionId, out var trace))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now >= _nextSweep)
        {
            Sweep(now);
        }
        var w = trace.Window(kind);
        if (w.Expired(now, Window))
        {
            w.Close(now, Window);
        }
        return w.Add(trace.Root.Context, sessionId, now, simulatedSeconds, value, success, tags);
    }

    /// <summary>
    /// A session change: a short child span <c>session {change}</c>; when <paramref name="ended"/>, closes the open
    /// windows and ends the root span with the outcome (status error for a failure).
    /// </summary>
    public void Changed(string sessionId, string change, string outcome, string? reason, double simulatedSeconds, bool ended)
    {
        if (!_live.TryGetValue(sessionId, out var trace))
        {
            return;
        }
        var now = time.GetUtcNow();
        var span = Start("session " + change, trace.Root.Context, now);
        if (span is not null)
        {
            span.SetTag("qnet.session", sessionId);
            span.SetTag("qnet.outcome", outcome);
            span.SetTag("qnet.simulated_seconds", simulatedSeconds);
            if (reason is not null)
            {
                span.SetTag("qnet.reason", reason);
            }
            Stop(span);
        }
        if (ended)
        {
            _live.Remove(sessionId);
            trace.End(now, Window, outcome, reason);
        }
    }

    /// <summary>Ends every live trace (host stopping): their root spans are exported with outcome <c>running</c>.</summary>
    public void EndAll()
    {
        var now = time.GetUtcNow();
        foreach (var trace in _live.Values)
        {
            trace.End(now, Window, "running", "control plane stopped");
        }
        _live.Clear();
    }

    /// <summary>Starts a span under <paramref name="parent"/> without changing <see cref="Activity.Current"/>.</summary>
    public static Activity? Start(string name, ActivityContext parent, DateTimeOffset start)
    {
        var previous = Activity.Current;
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: start);
        Activity.Current = previous;
        return span;
    }

    /// <summary>Stops a span without changing <see cref="Activity.Current"/> (Stop would restore the one current at its start).</summary>
    public static void Stop(Activity span)
    {
        var previous = Activity.Current;
        span.Stop();
        Activity.Current = previous;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var trace in _live.Values)
        {
            trace.CloseExpired(now, Window);
        }
        _nextSweep = now + Window;
    }

    private sealed class SessionTrace(Activity root)
    {
        private readonly SpanWindow[] _windows = [new("herald"), new("swap"), new("delivery"), new("loss")];

        public Activity Root { get; } = root;

        public SpanWindow Window(string kind) => kind switch
        {
            "herald" => _windows[0],
            "swap" => _windows[1],
            "delivery" => _windows[2],
            "loss" => _windows[3],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown event kind"),
        };

        public void CloseExpired(DateTimeOffset now, TimeSpan window)
        {
            foreach (var w in _windows)
            {
                if (w.Expired(now, window))
                {
                    w.Close(now, window);
                }
            }
        }

        public void End(DateTimeOffset now, TimeSpan window, string outcome, string? reason)
        {
            foreach (var w in _windows)
            {
                w.Close(now, window);
            }
            Root.SetTag("qnet.outcome", outcome);
            if (reason is not null)
            {
                Root.SetTag("qnet.reason", reason);
            }
            if (outcome == "failed")
            {
                Root.SetStatus(ActivityStatusCode.Error, reason);
            }
            Root.SetEndTime(now.UtcDateTime);
            Stop(Root);
        }
    }
}
