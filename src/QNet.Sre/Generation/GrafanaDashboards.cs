using System.Text;
using System.Text.Json.Nodes;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using static QNet.Sre.MetricCatalogue;

namespace QNet.Sre.Generation;

/// <summary>
/// The three generated Grafana dashboards. Every query names only metrics QNet exports (the SLI table M1..M10,
/// <c>qnet_maintenance_active</c>, the detector metrics) or the generated <c>qnet_slo:*</c> recording rules; open
/// incidents come from Grafana's alert list panel (no PromQL).
/// </summary>
internal static class GrafanaDashboards
{
    public static IReadOnlyList<(string File, JsonObject Dashboard)> Build(SpecSet specs)
    {
        return [("qnet-executive.json", Executive(specs)), ("qnet-oncall.json", OnCall(specs)), ("qnet-debug.json", Debug())];
    }

    private static JsonObject Executive(SpecSet specs)
    {
        var d = new DashboardBuilder("qnet-executive", "QNet / Executive", "now/M", ["qnet", "slo"])
            .Row("Service")
            .Stat("Session success (this period)", "percentunit", 6, 0.99, true,
                ($"1 - sum(increase({SessionRequests}_total{{outcome=\"failed\"}}[$__range])) / sum(increase({SessionRequests}_total[$__range]))", "success"))
            .Stat("End-to-end pairs delivered per second", "hertz", 6, null, true,
                ($"sum(rate({SessionPairsDelivered}_total[5m]))", "delivered"))
            .Stat("Link pairs generated per second", "hertz", 6, null, true,
                ($"sum(rate({LinkPairsGenerated}_total[5m]))", "generated"))
            .Stat("Keys delivered (this period)", "short", 6, null, true,
                ($"sum(increase({KmsKeyDeliverySeconds}_count[$__range]))", "keys"))
            .TimeSeries("Keys delivered per second, by region", "hertz", 12, ($"sum by (region) (rate({KmsKeyDeliverySeconds}_count[5m]))", "{{region}}"))
            .TimeSeries("Generation rate", "hertz", 12, ($"sum(rate({LinkPairsGenerated}_total[5m]))", "links"), ($"sum(rate({SessionPairsDelivered}_total[5m]))", "sessions"))
            .Row("Error budgets")
            .AlertList("Open incidents (pages)", 24, "severity=page");
        foreach (var slo in specs.Slos)
        {
            d.Stat($"{slo.DisplayName}: budget remaining", "percentunit", 6, 0, true, (BudgetRemaining(slo), "{{slo}}"));
        }

        return d.Build();
    }

    /// <summary>Budget remaining over the period: the period recording rule when rolling, the dashboard range (this month) when calendar-aligned.</summary>
    private static string BudgetRemaining(Slo slo)
    {
        var budget = PromQlText.Number(slo.Objective.ErrorBudget);
        if (slo.Window.IsRolling)
        {
            return $"1 - max({RuleNames.ErrorRatio(slo.Window.Nominal)}{{slo=\"{slo.Name}\"}}) / {budget}";
        }

        if (slo.Indicator is RatioSli r && slo.Budgeting == BudgetingMethod.Occurrences)
        {
            var total = $"sum(increase({r.Total}[$__range]))";
            var bad = r.Bad is not null ? $"sum(increase({r.Bad}[$__range]))" : $"({total} - sum(increase({r.Good}[$__range])))";
            return $"1 - ({bad} / {total}) / {budget}";
        }

        return $"1 - (1 - min(avg_over_time({RuleNames.SliceGood}{{slo=\"{slo.Name}\"}}[$__range]))) / {budget}";
    }

    private static JsonObject OnCall(SpecSet specs)
    {
        var d = new DashboardBuilder("qnet-oncall", "QNet / On-call", "now-6h", ["qnet", "slo", "oncall"])
            .Row("Alerts and maintenance")
            .AlertList("Firing and pending alerts", 14, "")
            .Text("Maintenance windows", 10, Maintenance(specs))
            .TimeSeries("Maintenance windows active (declared through the API)", "short", 24,
                ($"max by (window, link, node, region, scope) ({RuleNames.MaintenanceActive})", "{{window}} {{link}}{{node}}{{region}}{{scope}}"))
            .Row("Links")
            .TimeSeriesWithThreshold("Link fidelity (5th percentile)", "none", 12, MetricCatalogue.FidelityThreshold, true,
                ($"histogram_quantile(0.05, sum by (link, le) (rate({LinkPairFidelity}_bucket[5m])))", "{{link}}"))
            .TimeSeriesWithThreshold("Link generation rate", "hertz", 12, 10, true,
                ($"sum by (link) (rate({LinkPairsGenerated}_total[5m]))", "{{link}}"))
            .TimeSeriesWithThreshold("Session pair fidelity (5th percentile)", "none", 12, MetricCatalogue.FidelityThreshold, true,
                ($"histogram_quantile(0.05, sum by (session_class, le) (rate({SessionPairFidelity}_bucket[5m])))", "{{session_class}}"))
            .TimeSeriesWithThreshold("Link transmittance (dB loss)", "dB", 12, 20, false,
                ($"-10 * log10({LinkTransmittanceRatio})", "{{link}}"))
            .TimeSeriesWithThreshold("Pairs missing their session's fidelity target (share)", "percentunit", 24, 0.001, false,
                ($"sum by (session_class) (rate({SessionPairsJudged}_total{{target=\"missed\"}}[5m])) / sum by (session_class) (rate({SessionPairsJudged}_total[5m]))", "{{session_class}}"))
            .Row("Control plane and repeaters")
            .TimeSeriesWithThreshold("Control API latency p95 / p99", "s", 12, 0.25, false,
                ($"histogram_quantile(0.95, sum by (le) (rate({HttpServerRequestDurationSeconds}_bucket[5m])))", "p95"),
                ($"histogram_quantile(0.99, sum by (le) (rate({HttpServerRequestDurationSeconds}_bucket[5m])))", "p99"))
            .TimeSeries("Failed swaps per second", "hertz", 12,
                ($"sum by (node) (rate({SwapAttempts}_total[5m])) - sum by (node) (rate({SwapSuccesses}_total[5m]))", "{{node}}"))
            .TimeSeries("Memory: pairs expired per second", "hertz", 12, ($"sum by (node) (rate({MemoryPairsExpired}_total[5m]))", "{{node}}"))
            .TimeSeries("Memory coherence time", "s", 12, ($"min by (node) ({MemoryCoherenceTimeSeconds})", "{{node}}"))
            .Row("Burn rates (multiples of the sustainable rate)");
        foreach (var slo in specs.Slos)
        {
            var budget = PromQlText.Number(slo.Objective.ErrorBudget);
            var windows = slo.Conditions.Where(c => c.Severity == Severity.Page).Select(c => c.LongWindow).Distinct().Order();
            d.TimeSeriesWithThreshold(slo.DisplayName, "none", 8, slo.Conditions.Select(c => c.Factor).DefaultIfEmpty(1).Min(), false,
                windows.Select(w => ($"{RuleNames.ErrorRatio(w)}{{slo=\"{slo.Name}\"}} / {budget}", DurationText.Format(w) + " {{" + (slo.GroupBy.Count > 0 ? slo.GroupBy[0] : "slo") + "}}")).ToArray());
        }

        return d.Build();
    }

    private static JsonObject Debug() =>
        new DashboardBuilder("qnet-debug", "QNet / Debug", "now-1h", ["qnet", "debug"])
            .Row("Herald streams and detectors")
            .TimeSeries("Herald rate per link", "hertz", 12, ($"sum by (link) (rate({HeraldingLatencySeconds}_count[1m]))", "{{link}}"))
            .TimeSeries("Herald efficiency (pairs per herald)", "percentunit", 12,
                ($"sum by (link) (rate({LinkPairsGenerated}_total[1m])) / sum by (link) (rate({HeraldingLatencySeconds}_count[1m]))", "{{link}}"))
            .TimeSeries("Heralding latency p50 / p99", "s", 12,
                ($"histogram_quantile(0.5, sum by (link, le) (rate({HeraldingLatencySeconds}_bucket[5m])))", "p50 {{link}}"),
                ($"histogram_quantile(0.99, sum by (link, le) (rate({HeraldingLatencySeconds}_bucket[5m])))", "p99 {{link}}"))
            .TimeSeries("Link transmittance (floor of detection)", "percentunit", 12, ($"{LinkTransmittanceRatio}", "{{link}}"))
            .TimeSeries("Detector clicks per second (heralding), by origin", "hertz", 12,
                ($"sum by (link, origin) (rate({DetectorClicks}_total[1m]))", "{{link}} {{origin}}"))
            .TimeSeries("Dark clicks vs dark-count floor (one channel)", "hertz", 12,
                ($"sum by (link) (rate({DetectorClicks}_total{{origin=\"dark\"}}[5m]))", "dark clicks {{link}}"),
                ($"max by (link) ({DetectorDarkCountFloorHertz})", "floor {{link}}"))
            .Row("Calibration and correlated latency")
            .TimeSeriesWithThreshold("Calibration drift", "percentunit", 12, CalibrationDriftTolerance, false, ($"max by (node) ({CalibrationDriftRatio})", "{{node}}"))
            .TimeSeries("Control API p99 by route vs heralding p99", "s", 12,
                ($"histogram_quantile(0.99, sum by (http_route, le) (rate({HttpServerRequestDurationSeconds}_bucket[5m])))", "api {{http_route}}"),
                ($"histogram_quantile(0.99, sum by (le) (rate({HeraldingLatencySeconds}_bucket[5m])))", "heralding"))
            .TimeSeries("Key delivery p99", "s", 12, ($"histogram_quantile(0.99, sum by (le) (rate({KmsKeyDeliverySeconds}_bucket[5m])))", "p99"))
            .TimeSeries("Swap success ratio", "percentunit", 12, ($"sum by (node) (rate({SwapSuccesses}_total[5m])) / sum by (node) (rate({SwapAttempts}_total[5m]))", "{{node}}"))
            .Build();

    private static string Maintenance(SpecSet specs)
    {
        if (specs.MaintenanceWindows.Count == 0)
        {
            return "No maintenance windows declared.";
        }

        var sb = new StringBuilder("| window | applies to | when |\n|---|---|---|\n");
        foreach (var w in specs.MaintenanceWindows)
        {
            var scope = w.Matchers.Count == 0 ? "all alerts" : string.Join(", ", w.Matchers.Select(kv => $"{kv.Key}={kv.Value}"));
            var when = string.Join("; ", w.Intervals.Select(i => string.Join(" ", new[]
            {
                string.Join(",", i.Weekdays), string.Join(",", i.DaysOfMonth), string.Join(",", i.Months), string.Join(",", i.Years),
                string.Join(",", i.Times.Select(t => $"{t.Start / 60:00}:{t.Start % 60:00}-{t.End / 60:00}:{t.End % 60:00}")), i.Location ?? "UTC",
            }.Where(s => s.Length > 0))));
            sb.Append($"| {w.Name} | {scope} | {when} |\n");
        }

        return sb.ToString();
    }
}
