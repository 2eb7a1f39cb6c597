using System.Diagnostics;
using QNet.ControlPlane.Telemetry;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>One finished span of a session's trace as the console draws it.</summary>
/// <param name="SpanId">W3C span id (16 hex digits).</param>
/// <param name="ParentSpanId">Its parent's span id (the session's root span for every child), or empty.</param>
/// <param name="Name">Span name (<c>heralds</c>, <c>swaps</c>, <c>session admitted</c>...).</param>
/// <param name="Start">Wall-clock start (when the twin processed the first event).</param>
/// <param name="DurationMs">Wall-clock duration in milliseconds.</param>
/// <param name="Tags">The span's <c>qnet.*</c> attributes as text (count, simulated times, outcome, reason...).</param>
public sealed record SpanView(string SpanId, string ParentSpanId, string Name, DateTimeOffset Start, double DurationMs, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// The console's in-process span store: listens to the twin's session traces (<see cref="SessionTracer.Source"/>) and
/// keeps the finished spans of the last <see cref="MaxTraces"/> traces, at most <see cref="SpansPerTrace"/> each (the
/// latest; a trace's oldest spans go first), so memory stays bounded (about 256 × 200 spans of a few hundred bytes).
/// It asks for full span data but not for recording, so an exporter's sampling decision stands. Thread-safe.
/// </summary>
internal sealed class SpanStore : IDisposable
{
    /// <summary>Traces kept; the trace touched least recently goes first.</summary>
    public const int MaxTraces = 256;

    /// <summary>Spans kept per trace.</summary>
    public const int SpansPerTrace = 200;

    private readonly Dictionary<string, LinkedListNode<(string TraceId, Queue<SpanView> Spans)>> _traces = new(StringComparer.Ordinal);
    private readonly LinkedList<(string TraceId, Queue<SpanView> Spans)> _recent = new();
    private readonly Lock _gate = new();
    private readonly ActivityListener _listener;

    public SpanStore()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SessionTracer.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Finished spans of trace <paramref name="traceId"/>, in start order; empty when the trace is not held.</summary>
    public IReadOnlyList<SpanView> Trace(string traceId)
    {
        lock (_gate)
        {
            return _traces.TryGetValue(traceId, out var node) ? node.Value.Spans.OrderBy(s => s.Start).ToArray() : [];
        }
    }

    private void Add(Activity span)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in span.EnumerateTagObjects())
        {
            if (key.StartsWith("qnet.", StringComparison.Ordinal) && value is not null)
            {
                tags[key["qnet.".Length..]] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }
        var view = new SpanView(span.SpanId.ToHexString(), span.ParentSpanId == default ? "" : span.ParentSpanId.ToHexString(), span.DisplayName,
            new DateTimeOffset(span.StartTimeUtc, TimeSpan.Zero), span.Duration.TotalMilliseconds, tags);
        var traceId = span.TraceId.ToHexString();
        lock (_gate)
        {
            if (_traces.TryGetValue(traceId, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                if (_traces.Count >= MaxTraces && _recent.Last is { } oldest)
                {
                    _traces.Remove(oldest.Value.TraceId);
                    _recent.RemoveLast();
                }
                node = _recent.AddFirst((traceId, new Queue<SpanView>()));
                _traces[traceId] = node;
            }
            var spans = node.Value.Spans;
            if (spans.Count >= SpansPerTrace)
            {
                spans.Dequeue();
            }
            spans.Enqueue(view);
        }
    }

    public void Dispose() => _listener.Dispose();
}
