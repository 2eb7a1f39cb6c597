using System.Diagnostics.Metrics;
using System.Runtime.InteropServices;
using QNet.Sre;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// <c>qnet_session_pairs_judged_total{session_class, target}</c> on the twin's meter and in the metric history: every
/// end-to-end pair the network produced for a session, judged against that session's own minimum fidelity
/// (<c>minFidelity</c>): <c>target="met"</c> when it was delivered, <c>target="missed"</c> when the session's fidelity
/// gate discarded it. The SLO <c>session-pair-fidelity</c> counts missed over all, so each session is held to its own
/// threshold while the labels stay bounded (session class, two outcomes).
/// </summary>
internal sealed class SessionTargetMetrics
{
    /// <summary>Prometheus name of the counter.</summary>
    public const string Name = MetricCatalogue.SessionPairsJudged + "_total";

    private readonly Counter<long> _judged;
    private readonly TallyBook _tallies;
    private readonly Dictionary<(string SessionClass, bool Met), TallyBook.Series> _series = [];

    /// <summary>Creates the counter on <paramref name="meter"/>; counts also go to <paramref name="tallies"/>.</summary>
    public SessionTargetMetrics(Meter meter, TallyBook tallies)
    {
        _tallies = tallies;
        _judged = meter.CreateCounter<long>(MetricCatalogue.SessionPairsJudged, null,
            "End-to-end pairs judged against their session's minimum fidelity: target met (delivered) or missed (discarded below it).");
    }

    /// <summary>Counts one pair of a session of class <paramref name="sessionClass"/> (simulation thread only).</summary>
    public void Judged(string sessionClass, bool met) => Judged(sessionClass, met, 1);

    /// <summary>
    /// Counts <paramref name="pairs"/> pairs of the class (0 creates the series, as the first pair would: a session
    /// partition counts its own and adds them at a sync point). Simulation thread only.
    /// </summary>
    public void Judged(string sessionClass, bool met, long pairs)
    {
        var target = met ? "met" : "missed";
        if (_judged.Enabled)
        {
            _judged.Add(pairs, new KeyValuePair<string, object?>("session_class", sessionClass), new KeyValuePair<string, object?>("target", target));
        }
        // Found once per (class, target) and kept: a per-pair lookup would build and sort the key's labels.
        ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_series, (sessionClass, met), out _);
        series ??= _tallies.Of(Name, Labels(sessionClass, target));
        series.Value += pairs;
    }

    /// <summary>True while something listens to the counter.</summary>
    public bool Listened => _judged.Enabled;

    /// <summary>
    /// Makes the class's <c>target="met"</c> series read <paramref name="delivered"/> (every delivered pair met its target:
    /// one figure, counted by the class's delivery series). Called at the class's first delivery.
    /// </summary>
    public void ReadMet(string sessionClass, Func<double> delivered) =>
        _series[(sessionClass, true)] = _tallies.Read(Name, Labels(sessionClass, "met"), delivered);

    /// <summary>Exports one pair of the class as met (its tally is the delivery count, <see cref="ReadMet"/>).</summary>
    public void Met(string sessionClass)
    {
        if (_judged.Enabled)
        {
            _judged.Add(1, new KeyValuePair<string, object?>("session_class", sessionClass), new KeyValuePair<string, object?>("target", "met"));
        }
    }

    private static Dictionary<string, string> Labels(string sessionClass, string target) => new() { ["session_class"] = sessionClass, ["target"] = target };
}
