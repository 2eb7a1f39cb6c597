using System.Text.Json;
using System.Text.RegularExpressions;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

public sealed partial class GrafanaDashboardsTests
{
    /// <summary>
    /// The SLI table of docs/architecture.md (M1..M10) and the other metrics the control plane exports for dashboards
    /// (maintenance, detectors; ControlPlane's DetectorMetricsTests / MaintenanceGaugeTests check they are on /metrics);
    /// histograms are exported as _bucket/_sum/_count.
    /// </summary>
    private static readonly string[] Counters =
    [
        "qnet_link_pairs_generated_total", "qnet_session_pairs_delivered_total", "qnet_link_transmittance_ratio", "qnet_swap_attempts_total",
        "qnet_swap_successes_total", "qnet_memory_coherence_time_seconds", "qnet_memory_pairs_expired_total", "qnet_session_requests_total",
        "qnet_calibration_drift_ratio", "qnet_maintenance_active", "qnet_detector_clicks_total", "qnet_detector_dark_count_floor_hertz",
        "qnet_session_pairs_judged_total",
    ];

    private static readonly string[] Histograms =
    [
        "qnet_link_pair_fidelity", "qnet_session_pair_fidelity", "qnet_heralding_latency_seconds", "qnet_kms_key_delivery_seconds", "http_server_request_duration_seconds",
    ];

    private static readonly string[] Keywords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan"];

    [Fact]
    public void Dashboards_EveryQuery_NamesOnlyExportedOrRecordedMetrics()
    {
        var recorded = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default).SelectMany(g => g.Rules).OfType<RecordingRule>().Select(r => r.Record);
        var allowed = Counters.Concat(Histograms.SelectMany(h => new[] { h + "_bucket", h + "_sum", h + "_count" })).Concat(recorded).ToHashSet();
        var files = Directory.GetFiles(Path.Combine(GeneratedOutput.Dir, SloGenerator.DashboardFolder), "*.json");
        var used = new HashSet<string>();

        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("uid").GetString()));
            Assert.Equal(39, doc.RootElement.GetProperty("schemaVersion").GetInt32());
            var panels = doc.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            var cells = new HashSet<(int, int)>();
            foreach (var p in panels)
            {
                var g = p.GetProperty("gridPos");
                var (x, y, w, h) = (g.GetProperty("x").GetInt32(), g.GetProperty("y").GetInt32(), g.GetProperty("w").GetInt32(), g.GetProperty("h").GetInt32());
                Assert.InRange(x + w, 1, 24);
                for (var i = x; i < x + w; i++)
                {
                    for (var j = y; j < y + h; j++)
                    {
                        Assert.True(cells.Add((i, j)), $"{Path.GetFileName(file)}: panel '{p.GetProperty("title").GetString()}' overlaps another");
                    }
                }
            }

            var exprs = doc.RootElement.GetProperty("panels").EnumerateArray()
                .Where(p => p.TryGetProperty("targets", out _))
                .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
                .ToList();
            Assert.NotEmpty(exprs);
            foreach (var expr in exprs)
            {
                var names = MetricNames(expr);
                Assert.NotEmpty(names);
                foreach (var n in names)
                {
                    Assert.True(allowed.Contains(n), $"{Path.GetFileName(file)}: '{n}' in `{expr}` is not an exported QNet metric");
                    used.Add(n);
                }
            }
        }

        // Every indicator of the table appears on some dashboard.
        Assert.All(Counters, c => Assert.Contains(c, used));
        Assert.All(Histograms, h => Assert.Contains(used, u => u.StartsWith(h + "_", StringComparison.Ordinal)));
    }

    [Fact]
    public void MetricNames_QueryWithLabelsFunctionsAndGrouping_ExtractsOnlyMetrics()
    {
        var names = MetricNames("histogram_quantile(0.99, sum by (le, link) (rate(a_bucket{le=\"0.5\", x=~\"y|z\"}[5m]))) / on(link) b:rec{slo=\"s\"} > bool 1 and c [$__range]");

        Assert.Equal(["a_bucket", "b:rec", "c"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Provisioning_PointsGrafanaAtTheDashboardFolder()
    {
        var text = File.ReadAllText(Path.Combine(GeneratedOutput.Dir, SloGenerator.ProvisioningFile));

        Assert.Contains("apiVersion: 1", text, StringComparison.Ordinal);
        Assert.Contains("type: file", text, StringComparison.Ordinal);
        Assert.Contains("path: /var/lib/grafana/dashboards/qnet", text, StringComparison.Ordinal);
    }

    /// <summary>Metric names in a PromQL query: identifiers that are not functions, keywords, label names, strings, or durations.</summary>
    internal static List<string> MetricNames(string expr)
    {
        var s = StringRegex().Replace(expr, "\"\"");
        s = BracesRegex().Replace(s, " ");
        s = RangeRegex().Replace(s, " ");
        s = GroupingRegex().Replace(s, " ");
        return IdentifierRegex().Matches(s)
            .Where(m => !Keywords.Contains(m.Groups[1].Value) && !m.Groups[2].Value.TrimStart().StartsWith('('))
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringRegex();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex BracesRegex();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeRegex();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingRegex();

    [GeneratedRegex(@"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\(?)")]
    private static partial Regex IdentifierRegex();
}
