using QNet.Sre.Specs;

namespace QNet.Sre.Rules;

/// <summary>Names of generated series and alerts, shared by rules, dashboards and the evaluator.</summary>
internal static class RuleNames
{
    /// <summary>Error ratio over a window (bad events / events, or bad slices / slices), label slo.</summary>
    public static string ErrorRatio(TimeSpan window) => MetricCatalogue.RecordedPrefix + "error_ratio:rate" + DurationText.Format(window);

    /// <summary>Events in a window (for the low-traffic guard), label slo.</summary>
    public static string Events(TimeSpan window) => MetricCatalogue.RecordedPrefix + "events:increase" + DurationText.Format(window);

    /// <summary>
    /// Bad events (<paramref name="bad"/>) or all events in the trailing <paramref name="range"/>, recorded every
    /// evaluation and left out while the group is under maintenance (Occurrences budgeting), label slo. Summed over
    /// the SLO period they give a budget without the maintenance windows' events.
    /// </summary>
    public static string OutsideMaintenanceEvents(bool bad, TimeSpan range) =>
        MetricCatalogue.RecordedPrefix + (bad ? "bad_events_outside_maintenance:increase" : "events_outside_maintenance:increase") + DurationText.Format(range);

    /// <summary>1 when the trailing slice met the objective, else 0 (Timeslices budgeting), label slo.</summary>
    public const string SliceGood = MetricCatalogue.RecordedPrefix + "slice_good";

    /// <summary>The always-on link-down alert that inhibits the alerts it causes.</summary>
    public const string LinkDownAlert = "QNetLinkDown";

    /// <summary>The alert on a node whose agent fell silent (<see cref="NodeUnreachableRules"/>).</summary>
    public const string NodeUnreachableAlert = "QNetNodeUnreachable";

    /// <summary>The ticket on a twin whose clock nears its end (<see cref="TwinClockRules"/>).</summary>
    public const string TwinClockEndingAlert = "QNetTwinClockEnding";

    /// <summary>The maintenance gauge (<see cref="MetricCatalogue.MaintenanceActive"/>).</summary>
    public const string MaintenanceActive = MetricCatalogue.MaintenanceActive;

    /// <summary>The maintenance gauge's all-series label (<see cref="MetricCatalogue.MaintenanceScopeLabel"/>).</summary>
    public const string MaintenanceScopeLabel = MetricCatalogue.MaintenanceScopeLabel;

    /// <summary>Label saying which layer an SLO alert is about (link, session, kms, control).</summary>
    public const string LayerLabel = MetricCatalogue.LayerLabel;

    /// <summary>Label naming the failure mode (F1..F8, docs/failure-modes.md) an alert stands for.</summary>
    public const string FailureModeLabel = "failure_mode";

    public static MetricSelector Recorded(string record, string slo) =>
        new(record, [new LabelMatcher("slo", MatchOp.Equal, slo)]);
}
