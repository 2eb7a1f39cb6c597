using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Turns what the network does into metrics, the event stream and trace spans. Runs on the simulation thread.
/// Each session has one trace (<see cref="SessionTracer"/>): every herald, swap, delivery and loss is counted in a
/// window span of it, and the metrics of a herald or delivery are recorded with that span current, so histogram
/// exemplars link to the session's trace. Every stream event carries the session's trace id.
/// </summary>
internal sealed class TwinObserver(Simulator simulator, TwinMetrics metrics, EventHub events, Func<ImmutableDictionary<string, SessionState>> sessions,
    Action<SessionState, SessionReport, SessionChange> changed, SessionTracer tracer, Func<SimTime>? observedTime = null) : INetworkObserver
{
    // Per link, in the order of first herald: its sums and its tally series, found with one lookup per herald.
    private readonly Dictionary<string, LinkHeralds> _links = new(StringComparer.Ordinal);

    // The twin's session map (immutable, replaced at each change) as last seen, and the sessions looked up in it since:
    // a delivery or loss finds its session in a hash map instead of the immutable map's tree.
    private ImmutableDictionary<string, SessionState>? _seen;
    private readonly Dictionary<string, Found> _found = new(StringComparer.Ordinal);

    // When what it hears happened: a session partition's record replayed carries its own time (SessionScheduler.ObservedTime).
    private SimTime Now => observedTime is null ? simulator.Now : observedTime();

    /// <summary>The sessions' traces.</summary>
    public SessionTracer Tracer => tracer;

    /// <summary>Pairs generated per link since start.</summary>
    public IReadOnlyDictionary<string, long> LinkPairs => new LinkHeralds.View<long>(_links, l => l.Pairs);

    /// <summary>Fidelity sum per link since start.</summary>
    public IReadOnlyDictionary<string, double> LinkFidelitySum => new LinkHeralds.View<double>(_links, l => l.FidelitySum);

    /// <summary>Sum of squared fidelities per link since start (the spread a configuration change's canary is judged against).</summary>
    public IReadOnlyDictionary<string, double> LinkFidelitySquares => new LinkHeralds.View<double>(_links, l => l.FidelitySquares);

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds) =>
        Herald(sessionId, HeraldsOf(linkId), fidelity, heraldLatencySeconds);

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        Herald(sessionId, HeraldsOf(linkId), fidelity, heraldLatencySeconds, darkCount);

    public void SwapAttempted(string sessionId, string nodeId, bool success) =>
        Swap(sessionId, nodeId, metrics.SwapSeriesOf(nodeId), success);

    /// <summary>A path's reporter: its links' sums and series and its repeaters' swap series, each found at its first use and kept.</summary>
    public PathReporter ReporterFor(string sessionId, IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds) =>
        new TwinPathReporter(this, metrics, sessionId, linkIds, nodeIds);

    /// <summary>
    /// A session partition's observer: it counts heralds, swaps, deliveries and counted losses on the partition's thread and
    /// adds them at each sync point, so only first uses (and, while something needs each call in order, every call) are replayed.
    /// </summary>
    public IPartitionObserver? ForPartition(string sessionId, IPartitionLog log) => new TwinPartitionObserver(this, metrics, sessionId, log);

    /// <summary>
    /// True while each call must reach the observer in time order on this thread: a session is traced, the event stream
    /// has a subscriber or the meter a listener. Reads only counts and flags, so a session partition's thread may ask it.
    /// </summary>
    internal bool Ordered => tracer.LiveSessions > 0 || events.HasSubscribers || metrics.Listened;

    /// <summary>A session's state as the twin knows it (null if it does not) and the delivery series of its class, created now if new.</summary>
    internal (SessionState? State, DeliverySeries Deliveries) DeliveriesOf(string sessionId)
    {
        var found = Find(sessionId);
        return (found.State, found.Deliveries ??= metrics.DeliveriesOf(found.State?.SessionClass ?? "unknown"));
    }

    /// <summary>The session class of a session (<c>unknown</c> when the twin does not know it).</summary>
    internal string ClassOf(string sessionId) => Session(sessionId)?.SessionClass ?? "unknown";

    /// <summary>A link's sums and tally series, created at its first herald (in the order the links first herald).</summary>
    internal LinkHeralds HeraldsOf(string linkId)
    {
        ref var link = ref CollectionsMarshal.GetValueRefOrAddDefault(_links, linkId, out _);
        return link ??= new LinkHeralds(linkId, metrics.LinkSeriesOf(linkId));
    }

    /// <summary>A link's sums, series and detector click counts, as its first herald finds them.</summary>
    internal LinkHeralds ClickingHeraldsOf(string linkId)
    {
        var link = HeraldsOf(linkId);
        link.Clicks ??= metrics.Detectors.ClicksOf(link.Id);
        return link;
    }

    /// <summary>A herald on a link, counted as a detector click by origin first.</summary>
    internal void Herald(string sessionId, LinkHeralds link, double fidelity, double heraldLatencySeconds, bool darkCount)
    {
        metrics.Detectors.Click(link.Clicks ??= metrics.Detectors.ClicksOf(link.Id), darkCount);
        Herald(sessionId, link, fidelity, heraldLatencySeconds);
    }

    private void Herald(string sessionId, LinkHeralds link, double fidelity, double heraldLatencySeconds)
    {
        // Tags are boxed only when some session is traced (a herald is the twin's most frequent event).
        var span = tracer.LiveSessions == 0 ? null : tracer.Event(sessionId, "herald", Now.Seconds, fidelity, false,
            new KeyValuePair<string, object?>("qnet.link", link.Id), new KeyValuePair<string, object?>("qnet.fidelity", fidelity));
        var previous = Enter(span);
        metrics.LinkPair(link.Series, link.Id, fidelity, heraldLatencySeconds);
        Leave(span, previous);
        if (events.Admit("herald") && Session(sessionId) is { } s)
        {
            events.PublishAlways(new TwinEvent("herald", sessionId, s.Info.TraceId, Now.Seconds, Link: link.Id, Fidelity: fidelity));
        }
    }

    /// <summary>A swap attempt at a repeater whose tally series the caller found once.</summary>
    internal void Swap(string sessionId, string nodeId, SwapSeries series, bool success)
    {
        if (tracer.LiveSessions > 0)
        {
            tracer.Event(sessionId, "swap", Now.Seconds, double.NaN, success,
                new KeyValuePair<string, object?>("qnet.node", nodeId), new KeyValuePair<string, object?>("qnet.success", success));
        }
        metrics.Swap(series, nodeId, success);
        if (events.Admit("swap") && Session(sessionId) is { } s)
        {
            events.PublishAlways(new TwinEvent("swap", sessionId, s.Info.TraceId, Now.Seconds, Node: nodeId, Success: success));
        }
    }

    public void PairDelivered(string sessionId, double fidelity)
    {
        double now = Now.Seconds;
        var found = Find(sessionId);
        var s = found.State;
        var span = tracer.LiveSessions == 0 ? null : tracer.Event(sessionId, "delivery", now, fidelity, false, new KeyValuePair<string, object?>("qnet.fidelity", fidelity));
        var previous = Enter(span);
        metrics.Delivered(found.Deliveries ??= metrics.DeliveriesOf(s?.SessionClass ?? "unknown"), fidelity);
        Leave(span, previous);
        if (s is null)
        {
            return;
        }
        s.Delivered(fidelity);
        if (events.Admit("delivery"))
        {
            events.PublishAlways(new TwinEvent("delivery", sessionId, s.Info.TraceId, now, Fidelity: fidelity));
        }
    }

    /// <summary>
    /// False when <see cref="PairLost"/> would do nothing for <paramref name="reason"/> now: a loss that is neither counted
    /// nor judged, with no session traced and no one on the event stream. Reads only two counts, so a session partition's
    /// thread may ask it (a subscriber or trace that starts meanwhile sees such losses from the next sync point on).
    /// </summary>
    internal bool Hears(LossReason reason) => Counts(reason) || events.HasSubscribers || tracer.LiveSessions > 0;

    private static bool Counts(LossReason reason) => reason is LossReason.Cutoff or LossReason.BelowFidelity;

    public void PairLost(string sessionId, LossReason reason)
    {
        double now = Now.Seconds;
        if (tracer.LiveSessions > 0)
        {
            tracer.Event(sessionId, "loss", now, double.NaN, false, new KeyValuePair<string, object?>("qnet.reason", SessionNames.Of(reason)));
        }
        // A failed swap (the most frequent loss) is neither counted here nor judged: without a stream subscriber, done.
        if (!Counts(reason) && !events.HasSubscribers)
        {
            return;
        }
        var s = Session(sessionId);
        if (reason == LossReason.Cutoff)
        {
            metrics.Expired(s?.SessionClass ?? "unknown");
        }
        else if (reason == LossReason.BelowFidelity)
        {
            metrics.SessionTargets.Judged(s?.SessionClass ?? "unknown", met: false);
        }
        if (s is not null && events.Admit("loss"))
        {
            events.PublishAlways(new TwinEvent("loss", sessionId, s.Info.TraceId, now, Change: SessionNames.Of(reason)));
        }
    }

    public void SessionChanged(SessionReport report, SessionChange change)
    {
        if (Session(report.Id) is not { } s)
        {
            return;
        }
        changed(s, report, change);
        string name = SessionNames.Of(change), outcome = SessionNames.Of(s.Outcome);
        events.PublishAlways(new TwinEvent("session", report.Id, s.Info.TraceId, Now.Seconds, Change: name, Outcome: outcome, Reason: s.Reason));
        tracer.Changed(report.Id, name, outcome, s.Reason, Now.Seconds, ended: !s.Active);
    }

    private SessionState? Session(string id) => Find(id).State;

    // A session as last looked up in the twin's map, with its class's delivery series once it has delivered.
    private Found Find(string id)
    {
        var map = sessions();
        if (!ReferenceEquals(map, _seen))
        {
            _seen = map;
            _found.Clear();
        }
        ref var found = ref CollectionsMarshal.GetValueRefOrAddDefault(_found, id, out _);
        return found ??= new Found(map.GetValueOrDefault(id));
    }

    private sealed class Found(SessionState? state)
    {
        public SessionState? State { get; } = state;

        public DeliverySeries? Deliveries { get; set; }
    }

    // The span becomes current only around the metric recording (exemplars read Activity.Current), then the thread's own is back.
    // Without a span the current activity (an async-local read) is not touched at all.
    private static Activity? Enter(Activity? span)
    {
        if (span is null)
        {
            return null;
        }
        var previous = Activity.Current;
        Activity.Current = span;
        return previous;
    }

    private static void Leave(Activity? span, Activity? previous)
    {
        if (span is not null)
        {
            Activity.Current = previous;
        }
    }
}
