using QNet.Network.Sessions;
using QNet.Sre;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.Incidents;

/// <summary>What an incident cost, for its postmortem.</summary>
/// <param name="Start">Start of the impact window: the incident's first timeline entry (usually the fault).</param>
/// <param name="End">End: its resolution, or now while unresolved.</param>
/// <param name="SessionsAffected">Sessions it touched.</param>
/// <param name="SessionsFailed">Sessions with a <c>failed</c> or <c>suspended</c> change in its timeline (a suspended session lost its path and waits for re-admission).</param>
/// <param name="SessionsDegraded">Sessions rerouted, restarted or degraded (served below target), but not failed, in its timeline.</param>
/// <param name="PairsExpired">Stored pairs expired in memories over the window (all nodes; <c>qnet_memory_pairs_expired_total</c> increase).</param>
/// <param name="PairsDelivered">End-to-end pairs delivered over the window (<c>qnet_session_pairs_delivered_total</c> increase).</param>
/// <param name="PairsShortfall">Pairs the delivery rate of the hour before <paramref name="Start"/> would have delivered over the window, minus those delivered (lost or delayed; 0 when none were missing, null without a baseline).</param>
/// <param name="QkdPauses">QKD link pauses in its timeline (key production stopped: keys delayed).</param>
/// <param name="BudgetBurned">Error budget burned per SLO group (fraction of the budget, 0..1), from its open and resolve figures.</param>
/// <param name="KeyBitsDelivered">Secret key bits the QKD links distilled over the window (<c>qnet_qkd_secret_bits_total</c> increase).</param>
/// <param name="KeyBitsShortfall">Key bits the rate of the hour before <paramref name="Start"/> would have distilled over the window, minus those distilled (lost or delayed; 0 when none were missing, null without a baseline).</param>
internal sealed record IncidentImpact(DateTimeOffset Start, DateTimeOffset End, int SessionsAffected, int SessionsFailed, int SessionsDegraded,
    double PairsExpired, double PairsDelivered, double? PairsShortfall, int QkdPauses, IReadOnlyList<(string Slo, string Group, double Burned)> BudgetBurned,
    double KeyBitsDelivered = 0, double? KeyBitsShortfall = null)
{
    // Session changes (wire names, as the timeline keeps them) that count a session as failed, or as served worse.
    private static readonly string[] FailedChanges = [SessionNames.Of(SessionChange.Failed), SessionNames.Of(SessionChange.Suspended)];
    private static readonly string[] DegradedChanges =
        [SessionNames.Of(SessionChange.Rerouted), SessionNames.Of(SessionChange.Restarted), SessionNames.Of(SessionChange.Degraded)];

    /// <summary>Computes the impact of <paramref name="incident"/> from its timeline and the metric history.</summary>
    /// <param name="budgetsNow">Budgets now (used for an unresolved incident).</param>
    public static IncidentImpact Of(IncidentView incident, IMetricHistory history, IReadOnlyList<SloStatus> budgetsNow, DateTimeOffset now)
    {
        var start = incident.Timeline.Count > 0 ? incident.Timeline.Min(e => e.At) : incident.OpenedAt;
        if (start > incident.OpenedAt)
        {
            start = incident.OpenedAt;
        }
        var end = incident.ResolvedAt ?? now;
        var sessions = incident.Timeline.Where(e => e.Kind == "session" && e.SessionId is not null).ToList();
        var failed = sessions.Where(e => FailedChanges.Contains(e.Change)).Select(e => e.SessionId!).ToHashSet(StringComparer.Ordinal);
        var degraded = sessions.Where(e => DegradedChanges.Contains(e.Change)).Select(e => e.SessionId!).Where(s => !failed.Contains(s)).ToHashSet(StringComparer.Ordinal);
        var affected = incident.SessionIds.Concat(sessions.Select(e => e.SessionId!)).ToHashSet(StringComparer.Ordinal);

        double expired = Increase(history, MetricCatalogue.Total(MetricCatalogue.MemoryPairsExpired), start, end);
        double delivered = Increase(history, MetricCatalogue.Total(MetricCatalogue.SessionPairsDelivered), start, end);
        double? shortfall = Shortfall(history, MetricCatalogue.Total(MetricCatalogue.SessionPairsDelivered), start, end, delivered);
        double keyBits = Increase(history, MetricCatalogue.Total(MetricCatalogue.QkdSecretBits), start, end);
        double? keyShortfall = Shortfall(history, MetricCatalogue.Total(MetricCatalogue.QkdSecretBits), start, end, keyBits);

        var burned = incident.Budgets.Select(b =>
        {
            var last = b.RemainingAtResolve
                ?? budgetsNow.FirstOrDefault(s => s.Slo == b.Slo && s.Group.Count == b.Group.Count && s.Group.All(kv => b.Group.GetValueOrDefault(kv.Key) == kv.Value))?.BudgetRemaining
                ?? b.RemainingAtOpen;
            return (b.Slo, string.Join(",", b.Group.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), Math.Max(0, b.RemainingAtOpen - last));
        }).ToArray();
        int pauses = incident.Timeline.Count(e => e.Kind == "qkd" && e.Text.Contains("paused", StringComparison.Ordinal));
        return new IncidentImpact(start, end, affected.Count, failed.Count, degraded.Count, expired, delivered, shortfall, pauses, burned, keyBits, keyShortfall);
    }

    // What the counter's rate over the hour before the window would have added over it, minus what it added; null without that hour's history.
    private static double? Shortfall(IMetricHistory history, string metric, DateTimeOffset start, DateTimeOffset end, double during)
    {
        double before = Increase(history, metric, start - IncidentBook.Lookback, start, out bool covered);
        return covered ? Math.Max(0, before / IncidentBook.Lookback.TotalSeconds * (end - start).TotalSeconds - during) : null;
    }

    private static double Increase(IMetricHistory history, string metric, DateTimeOffset from, DateTimeOffset to) => Increase(history, metric, from, to, out _);

    // Sum over series of a counter's increase between the samples in [from, to] (a drop is a reset: the new value counts
    // from zero). covered: some series has samples at both ends of the range (within one minute), so a rate is meaningful.
    private static double Increase(IMetricHistory history, string metric, DateTimeOffset from, DateTimeOffset to, out bool covered)
    {
        covered = false;
        double total = 0;
        foreach (var series in history.Query(metric, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()))
        {
            var samples = series.Samples;
            for (int i = 1; i < samples.Count; i++)
            {
                double d = samples[i].Value - samples[i - 1].Value;
                total += d >= 0 ? d : samples[i].Value;
            }
            if (samples.Count >= 2 && samples[0].UnixMs - from.ToUnixTimeMilliseconds() <= 60_000 && to.ToUnixTimeMilliseconds() - samples[^1].UnixMs <= 60_000)
            {
                covered = true;
            }
        }
        return total;
    }
}
