using System.Globalization;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Reads a finished run's journal, timeline and budgets: each expectation's outcome and the report's figures. Times
/// come from journal entries, so a figure can be checked against the entries it was read from.
/// </summary>
internal sealed class GameDayEvaluation(Experiment experiment, IReadOnlyList<JournalEntry> entries, IReadOnlyList<TimelineSeries> timeline,
    IReadOnlyList<FaultWindow> faults, IReadOnlyList<(long UnixMs, long Bits)> keyBits, IReadOnlyList<SloStatus> budgetsBefore,
    IReadOnlyList<SloStatus> budgetsAfter, double endSeconds, DateTimeOffset epoch)
{
    /// <summary>
    /// The longest pause in QKD key production that still counts as flowing, in twin seconds: the metro QKD link
    /// distils a block every few seconds, so four history samples without a new bit mean production stopped.
    /// </summary>
    public const double KeyStallToleranceSeconds = 60;

    public IReadOnlyList<ExpectationOutcome> Expectations() => experiment.Expectations.Select(Evaluate).ToArray();

    public GameDaySummary Summary()
    {
        double? first = faults.Count > 0 ? faults.Min(f => f.StartSeconds) : null;
        double? detect = first is { } f0 ? FirstAfter(JournalTypes.Alert, f0, e => e.Get("status") == "firing")?.Seconds - f0 : null;
        double? mitigate = first is { } f1 ? FirstAfter(JournalTypes.Mitigation, f1, e => e.Get("change") == "acted")?.Seconds - f1 : null;
        double? recover = null;
        if (first is { } f2)
        {
            var names = experiment.Hypothesis.Where(p => p.Kind == ProbeKind.Sli).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var series = timeline.Where(t => names.Contains(t.Name)).ToArray();
            double lastClear = faults.Max(f => f.EndSeconds);
            if (series.Length > 0 && series[0].Points.Select(p => p.Seconds).FirstOrDefault(t => t >= lastClear
                && series.All(s => s.Points.Any(p => p.Seconds == t && s.Tolerance?.Holds(p.Value) != false))) is var at and > 0)
            {
                recover = at - f2;
            }
        }
        var firing = entries.Where(e => e.Type == JournalTypes.Alert && e.Get("status") == "firing").ToArray();
        int pages = firing.Count(e => e.Get(GameDayRunner.LabelPrefix + "severity") == "page" && e.Get("muted") != "true");
        int tickets = firing.Count(e => e.Get(GameDayRunner.LabelPrefix + "severity") == "ticket" && e.Get("muted") != "true");
        int muted = firing.Count(e => e.Get("muted") == "true");
        var burned = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var after in budgetsAfter)
        {
            burned[after.Slo] = Math.Max(burned.GetValueOrDefault(after.Slo), Burned(after));
        }
        var affected = first is { } f3
            ? entries.Where(e => e.Type == JournalTypes.Session && e.Seconds >= f3 && e.Get("change") != "admitted").Select(e => e.Name)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : [];
        bool keys = keyBits.Count > 0;
        return new GameDaySummary(first, detect, mitigate, recover, pages, tickets, muted, burned, affected,
            keys ? KeyBitsDuringFaults() : null, keys ? LongestKeyStall() : null);
    }

    private ExpectationOutcome Evaluate(ExpectationSpec e)
    {
        double? from = From(e);
        switch (e.Kind)
        {
            case ExpectationKind.AlertFires or ExpectationKind.AlertPages:
                bool page = e.Kind == ExpectationKind.AlertPages;
                return Timed(e, from, FirstAfter(JournalTypes.Alert, from, x => x.Name == e.Alert && x.Get("status") == "firing"
                    && (!page || (x.Get(GameDayRunner.LabelPrefix + "severity") == "page" && x.Get("muted") != "true"))
                    && e.Selector.All(kv => x.Get(GameDayRunner.LabelPrefix + kv.Key) == kv.Value)), page ? "paged" : "fired");
            case ExpectationKind.SessionsRerouted:
                return Timed(e, from, FirstAfter(JournalTypes.Session, from, x => x.Get("change") == "rerouted"
                    && (!e.Selector.TryGetValue("session", out var id) || id == x.Name)), "a session was rerouted");
            case ExpectationKind.Mitigates:
                return Timed(e, from, FirstAfter(JournalTypes.Mitigation, from, x => x.Get("change") == "acted"
                    && (!e.Selector.TryGetValue("action", out var a) || a == x.Name)
                    && (!e.Selector.TryGetValue("target", out var t) || t == x.Get("target"))), "mitigation acted");
            case ExpectationKind.KeysFlow:
                if (experiment.Configuration.Scenario.Links.All(l => l.Qkd is null))
                {
                    return new(e, false, null, "the network has no QKD link");
                }
                double stall = LongestKeyStall();
                string seen = string.Create(CultureInfo.InvariantCulture, $"longest QKD key stall {stall:F0} s (tolerance {KeyStallToleranceSeconds:F0} s)");
                bool flowing = stall <= KeyStallToleranceSeconds;
                return new(e, flowing || e.PqcFallbackAllowed, null, flowing ? seen : seen + (e.PqcFallbackAllowed ? "; PQC fallback allowed covers it" : ""));
            case ExpectationKind.BudgetBurned:
                var groups = budgetsAfter.Where(s => s.Slo == e.Slo && ProbeReader.Matches(s.Group, e.Selector)).ToArray();
                if (groups.Length == 0)
                {
                    return new(e, false, null, "the SLO had no data");
                }
                double worst = groups.Max(Burned);
                return new(e, worst < e.BelowPercent, null, string.Create(CultureInfo.InvariantCulture, $"burned {worst:F3} %"));
            default:
                var window = faults.LastOrDefault(f => e.After is null ? f.Id == faults[0].Id : f.Id == e.After);
                if (window is null || window.EndSeconds >= endSeconds)
                {
                    return new(e, false, null, "the fault never cleared");
                }
                var series = timeline.First(t => ReferenceEquals(t.Probe, e.Probe));
                var back = series.Points.FirstOrDefault(p => p.Seconds >= window.EndSeconds && e.Probe!.Tolerance!.Holds(p.Value));
                if (back.Seconds == 0)
                {
                    return new(e, false, null, "not back within objective by the end of the run");
                }
                double took = back.Seconds - window.EndSeconds;
                return new(e, took <= e.WithinSeconds, took, string.Create(CultureInfo.InvariantCulture, $"back after {took:F0} s"));
        }
    }

    private static ExpectationOutcome Timed(ExpectationSpec e, double? from, JournalEntry? hit, string what)
    {
        if (from is null)
        {
            return new(e, false, null, "the fault it is measured from never started");
        }
        if (hit is null)
        {
            return new(e, false, null, "never happened");
        }
        double took = hit.Seconds - from.Value;
        return new(e, took <= e.WithinSeconds, took, string.Create(CultureInfo.InvariantCulture, $"{what} {took:F0} s after the fault"));
    }

    private double? From(ExpectationSpec e) => e.After is null
        ? (faults.Count > 0 ? faults[0].StartSeconds : null)
        : faults.FirstOrDefault(f => f.Id == e.After)?.StartSeconds;

    private JournalEntry? FirstAfter(string type, double? from, Func<JournalEntry, bool> match) =>
        from is null ? null : entries.FirstOrDefault(x => x.Type == type && x.Seconds >= from && match(x));

    // Percent of the error budget burned between the end of the warm-up and the end of the run.
    private double Burned(SloStatus after)
    {
        var before = budgetsBefore.FirstOrDefault(b => b.Slo == after.Slo && b.Group.Count == after.Group.Count && b.Group.All(kv => after.Group.TryGetValue(kv.Key, out var v) && v == kv.Value));
        return Math.Max(0, ((before?.BudgetRemaining ?? 1) - after.BudgetRemaining) * 100);
    }

    private long KeyBitsDuringFaults()
    {
        long bits = 0;
        for (int i = 1; i < keyBits.Count; i++)
        {
            double t = (keyBits[i].UnixMs - epoch.ToUnixTimeMilliseconds()) / 1000.0;
            if (faults.Any(f => t > f.StartSeconds && t <= f.EndSeconds))
            {
                bits += keyBits[i].Bits - keyBits[i - 1].Bits;
            }
        }
        return bits;
    }

    private double LongestKeyStall()
    {
        long warm = epoch.ToUnixTimeMilliseconds() + (long)(experiment.Configuration.WarmupSeconds * 1000);
        double longest = 0;
        long? lastGain = null;
        for (int i = 1; i < keyBits.Count; i++)
        {
            if (keyBits[i].UnixMs < warm)
            {
                continue;
            }
            lastGain ??= keyBits[i - 1].UnixMs;
            if (keyBits[i].Bits > keyBits[i - 1].Bits)
            {
                lastGain = keyBits[i].UnixMs;
            }
            longest = Math.Max(longest, (keyBits[i].UnixMs - lastGain.Value) / 1000.0);
        }
        return longest;
    }
}
