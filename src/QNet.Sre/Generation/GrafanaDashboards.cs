using System.Text;
using System.Text.Json.Nodes;
using QNet.Sre.Rules;
using QNet.Sre.Specs;

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
                ("1 - sum(increase(qnet_session_requests_total{outcome=\"failed\"}[$__range])) / sum(increase(qnet_session_requests_total[$__range]))", "success"))
            .Stat("End-to-end pairs delivered per second", "hertz", 6, null, true,
                ("sum(rate(qnet_session_pairs_delivered_total[5m]))", "delivered"))
            .Stat("Link pairs generated per second", "hertz", 6, null, true,
                ("sum(rate(qnet_link_pairs_generated_total[5m]))", "generated"))
            .Stat("Keys delivered (this period)", "short", 6, null, true,
                ("sum(increase(qnet_kms_key_delivery_seconds_count[$__range]))", "keys"))
            .TimeSeries("Keys delivered per second, by region", "hertz", 12, ("sum by (region) (rate(qnet_kms_key_delivery_seconds_count[5m]))", "{{region}}"))
            .TimeSeries("Generation rate", "hertz", 12, ("sum(rate(qnet_link_pairs_generated_total[5m]))", "links"), ("sum(rate(qnet_session_pairs_delivered_total[5m]))", "sessions"))
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
                ("histogram_quantile(0.05, sum by (link, le) (rate(qnet_link_pair_fidelity_bucket[5m])))", "{{link}}"))
            .TimeSeriesWithThreshold("Link generation rate", "hertz", 12, 10, true,
                ("sum by (link) (rate(qnet_link_pairs_generated_total[5m]))", "{{link}}"))
            .TimeSeriesWithThreshold("Session pair fidelity (5th percentile)", "none", 12, MetricCatalogue.FidelityThreshold, true,
                ("histogram_quantile(0.05, sum by (session_class, le) (rate(qnet_session_pair_fidelity_bucket[5m])))", "{{session_class}}"))
            .TimeSeriesWithThreshold("Link transmittance (dB loss)", "dB", 12, 20, false,
                ("-10 * log10(qnet_link_transmittance_ratio)", "{{link}}"))
            .TimeSeriesWithThreshold("Pairs missing their session's fidelity target (share)", "percentunit", 24, 0.001, false,
                ("sum by (session_class) (rate(qnet_session_pairs_judged_total{target=\"missed\"}[5m])) / sum by (session_class) (rate(qnet_session_pairs_judged_total[5m]))", "{{session_class}}"))
            .Row("Control plane and repeaters")
            .TimeSeriesWithThreshold("Control API latency p95 / p99", "s", 12, 0.25, false,
                ("histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))", "p95"),
                ("histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))", "p99"))
            .TimeSeries("Failed swaps per second", "hertz", 12,
                ("sum by (node) (rate(qnet_swap_attempts_total[5m])) - sum by (node) (rate(qnet_swap_successes_total[5m]))", "{{node}}"))
            .TimeSeries("Memory: pairs expired per second", "hertz", 12, ("sum by (node) (rate(qnet_memory_pairs_expired_total[5m]))", "{{node}}"))
            .TimeSeries("Memory coherence time", "s", 12, ("min by (node) (qnet_memory_coherence_time_seconds)", "{{node}}"))
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
            .TimeSeries("Herald rate per link", "hertz", 12, ("sum by (link) (rate(qnet_heralding_latency_seconds_count[1m]))", "{{link}}"))
            .TimeSeries("Herald efficiency (pairs per herald)", "percentunit", 12,
                ("sum by (link) (rate(qnet_link_pairs_generated_total[1m])) / sum by (link) (rate(qnet_heralding_latency_seconds_count[1m]))", "{{link}}"))
            .TimeSeries("Heralding latency p50 / p99", "s", 12,
                ("histogram_quantile(0.5, sum by (link, le) (rate(qnet_heralding_latency_seconds_bucket[5m])))", "p50 {{link}}"),
                ("histogram_quantile(0.99, sum by (link, le) (rate(qnet_heralding_latency_seconds_bucket[5m])))", "p99 {{link}}"))
            .TimeSeries("Link transmittance (floor of detection)", "percentunit", 12, ("qnet_link_transmittance_ratio", "{{link}}"))
            .TimeSeries("Detector clicks per second (heralding), by origin", "hertz", 12,
                ("sum by (link, origin) (rate(qnet_detector_clicks_total[1m]))", "{{link}} {{origin}}"))
            .TimeSeries("Dark clicks vs dark-count floor (one channel)", "hertz", 12,
                ("sum by (link) (rate(qnet_detector_clicks_total{origin=\"dark\"}[5m]))", "dark clicks {{link}}"),
                ("max by (link) (qnet_detector_dark_count_floor_hertz)", "floor {{link}}"))
            .Row("Calibration and correlated latency")
            .TimeSeriesWithThreshold("Calibration drift", "percentunit", 12, 0.05, false, ("max by (node) (qnet_calibration_drift_ratio)", "{{node}}"))
            .TimeSeries("Control API p99 by route vs heralding p99", "s", 12,
                ("histogram_quantile(0.99, sum by (http_route, le) (rate(http_server_request_duration_seconds_bucket[5m])))", "api {{http_route}}"),
                ("histogram_quantile(0.99, sum by (le) (rate(qnet_heralding_latency_seconds_bucket[5m])))", "heralding"))
            .TimeSeries("Key delivery p99", "s", 12, ("histogram_quantile(0.99, sum by (le) (rate(qnet_kms_key_delivery_seconds_bucket[5m])))", "p99"))
            .TimeSeries("Swap success ratio", "percentunit", 12, ("sum by (node) (rate(qnet_swap_successes_total[5m])) / sum by (node) (rate(qnet_swap_attempts_total[5m]))", "{{node}}"))
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
