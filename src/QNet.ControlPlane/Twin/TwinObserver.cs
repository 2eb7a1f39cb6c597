using System.Diagnostics;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.Kernel;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Turns what the network does into metrics, the event stream and trace spans. Runs on the simulation thread.
/// Each session has one trace; sampled heralds and swaps become child spans of the session's root span (only when
/// a tracer listens), and every stream event carries the session's trace id.
/// </summary>
internal sealed class TwinObserver(Simulator simulator, TwinMetrics metrics, EventHub events, Func<string, SessionState?> session,
    Action<SessionState, SessionReport, string> changed) : INetworkObserver
{
    /// <summary>The activity source of twin traces.</summary>
    public static readonly ActivitySource Source = new("QNet.Twin");

    private readonly Dictionary<string, long> _linkPairs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _linkFidelity = new(StringComparer.Ordinal);

    /// <summary>Pairs generated per link since start.</summary>
    public IReadOnlyDictionary<string, long> LinkPairs => _linkPairs;

    /// <summary>Fidelity sum per link since start.</summary>
    public IReadOnlyDictionary<string, double> LinkFidelitySum => _linkFidelity;

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds)
    {
        metrics.LinkPair(linkId, fidelity, heraldLatencySeconds);
        _linkPairs[linkId] = _linkPairs.GetValueOrDefault(linkId) + 1;
        _linkFidelity[linkId] = _linkFidelity.GetValueOrDefault(linkId) + fidelity;
        if (events.Admit("herald") && session(sessionId) is { } s)
        {
            Span(s, "herald", ("qnet.link", linkId), ("qnet.fidelity", fidelity));
            events.PublishAlways(new TwinEvent("herald", sessionId, s.Info.TraceId, simulator.Now.Seconds, Link: linkId, Fidelity: fidelity));
        }
    }

    public void LinkPairGenerated(string sessionId, string linkId, double fidelity, double heraldLatencySeconds, bool darkCount)
    {
        metrics.Detectors.Click(linkId, darkCount);
        LinkPairGenerated(sessionId, linkId, fidelity, heraldLatencySeconds);
    }

    public void SwapAttempted(string sessionId, string nodeId, bool success)
    {
        metrics.Swap(nodeId, success);
        if (events.Admit("swap") && session(sessionId) is { } s)
        {
            Span(s, "swap", ("qnet.node", nodeId), ("qnet.success", success));
            events.PublishAlways(new TwinEvent("swap", sessionId, s.Info.TraceId, simulator.Now.Seconds, Node: nodeId, Success: success));
        }
    }

    public void PairDelivered(string sessionId, double fidelity)
    {
        var s = session(sessionId);
        metrics.Delivered(s?.SessionClass ?? "unknown", fidelity);
        metrics.SessionTargets.Judged(s?.SessionClass ?? "unknown", met: true);
        if (s is null)
        {
            return;
        }
        s.Delivered(fidelity);
        if (events.Admit("delivery"))
        {
            events.PublishAlways(new TwinEvent("delivery", sessionId, s.Info.TraceId, simulator.Now.Seconds, Fidelity: fidelity));
        }
    }

    public void PairLost(string sessionId, string reason)
    {
        var s = session(sessionId);
        if (reason == "cutoff")
        {
            metrics.Expired(s?.SessionClass ?? "unknown");
        }
        else if (reason == "below-fidelity")
        {
            metrics.SessionTargets.Judged(s?.SessionClass ?? "unknown", met: false);
        }
        if (s is not null && events.Admit("loss"))
        {
            events.PublishAlways(new TwinEvent("loss", sessionId, s.Info.TraceId, simulator.Now.Seconds, Change: reason));
        }
    }

    public void SessionChanged(SessionReport report, string change)
    {
        if (session(report.Id) is not { } s)
        {
            return;
        }
        changed(s, report, change);
        events.PublishAlways(new TwinEvent("session", report.Id, s.Info.TraceId, simulator.Now.Seconds, Change: change, Outcome: s.Outcome, Reason: s.Reason));
        if (Source.HasListeners())
        {
            Span(s, "session " + change, ("qnet.outcome", s.Outcome));
        }
    }

    private static void Span(SessionState s, string name, params (string Key, object Value)[] tags)
    {
        if (!Source.HasListeners())
        {
            return;
        }
        var parent = new ActivityContext(ActivityTraceId.CreateFromString(s.Info.TraceId), ActivitySpanId.CreateFromString(s.Info.SpanId), ActivityTraceFlags.Recorded);
        using var activity = Source.StartActivity(name, ActivityKind.Internal, parent);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("qnet.session", s.Info.Spec.Id);
        foreach (var (key, value) in tags)
        {
            activity.SetTag(key, value);
        }
    }
}
