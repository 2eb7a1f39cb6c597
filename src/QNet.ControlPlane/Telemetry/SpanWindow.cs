using System.Diagnostics;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// One child span of a session's trace that stands for every event of one kind (herald, swap, delivery, loss) the
/// twin processed during a wall-clock window: it counts them all and keeps the first
/// <see cref="SessionTracer.EventsPerWindow"/> as span events. Simulation thread only.
/// </summary>
internal sealed class SpanWindow(string kind)
{
    private Activity? _span;
    private DateTimeOffset _opened;
    private long _count;
    private long _successes;
    private double _sum;
    private int _events;
    private double _firstSimulated;
    private double _lastSimulated;

    /// <summary>Event kind (<c>herald</c>, <c>swap</c>, <c>delivery</c>, <c>loss</c>); the span is named after it in the plural (<see cref="Name"/>).</summary>
    public string Kind { get; } = kind;

    /// <summary>Span name: the kind in the plural (<c>heralds</c>, <c>swaps</c>, <c>deliveries</c>, <c>losses</c>).</summary>
    public string Name { get; } = kind switch { "delivery" => "deliveries", "loss" => "losses", _ => kind + "s" };

    /// <summary>The open span, or null.</summary>
    public Activity? Span => _span;

    /// <summary>
    /// Adds one event at wall time <paramref name="now"/> and simulated time <paramref name="simulatedSeconds"/>;
    /// opens a span under <paramref name="parent"/> if none is open. <paramref name="value"/> is summed into the mean
    /// (fidelity; NaN for none), <paramref name="success"/> counts successes (swaps). Returns the span, or null when
    /// nobody samples it.
    /// </summary>
    public Activity? Add(ActivityContext parent, string sessionId, DateTimeOffset now, double simulatedSeconds, double value, bool success,
        ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_span is null)
        {
            _span = SessionTracer.Start(Name, parent, now);
            if (_span is null)
            {
                return null;
            }
            _span.SetTag("qnet.session", sessionId);
            _opened = now;
            (_count, _successes, _sum, _events, _firstSimulated) = (0, 0, 0, 0, simulatedSeconds);
        }
        _count++;
        _lastSimulated = simulatedSeconds;
        if (success)
        {
            _successes++;
        }
        if (!double.IsNaN(value))
        {
            _sum += value;
        }
        if (_events < SessionTracer.EventsPerWindow && _span.IsAllDataRequested)
        {
            _events++;
            var attributes = new ActivityTagsCollection { ["qnet.simulated_seconds"] = simulatedSeconds };
            foreach (var tag in tags)
            {
                attributes[tag.Key] = tag.Value;
            }
            _span.AddEvent(new ActivityEvent(Kind, now, attributes));
        }
        return _span;
    }

    /// <summary>True if the open span's window has passed at <paramref name="now"/>.</summary>
    public bool Expired(DateTimeOffset now, TimeSpan window) => _span is not null && now - _opened >= window;

    /// <summary>
    /// Ends the open span (no-op if none) at the end of its window or at <paramref name="now"/>, whichever comes first,
    /// with the window's totals as attributes.
    /// </summary>
    public void Close(DateTimeOffset now, TimeSpan window)
    {
        if (_span is not { } span)
        {
            return;
        }
        _span = null;
        span.SetTag("qnet.count", _count);
        span.SetTag("qnet.simulated_start_seconds", _firstSimulated);
        span.SetTag("qnet.simulated_end_seconds", _lastSimulated);
        if (Kind == "swap")
        {
            span.SetTag("qnet.successes", _successes);
        }
        if (Kind is "herald" or "delivery" && _count > 0)
        {
            span.SetTag("qnet.fidelity_mean", _sum / _count);
        }
        var end = now < _opened + window ? now : _opened + window;
        // Activity.Stop keeps an end time only if the duration is not zero.
        span.SetEndTime((end > _opened ? end : _opened.AddTicks(1)).UtcDateTime);
        SessionTracer.Stop(span);
    }
}
