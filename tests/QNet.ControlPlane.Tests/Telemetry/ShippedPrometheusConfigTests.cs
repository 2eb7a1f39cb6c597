using System.Text.Json;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The shipped <c>deploy/prometheus/prometheus.yml</c>, loaded as it is by the real Prometheus: every generated rule
/// file is loaded with all its rules, and alerts go to the Alertmanager the docs start on 127.0.0.1:9093.
/// </summary>
[Collection("servers")]
public sealed class ShippedPrometheusConfigTests
{
    private static string Deploy => Path.Combine(QnetPaths.RepositoryRoot, "deploy");

    [Fact]
    public async Task ShippedConfig_RealPrometheus_LoadsEveryGeneratedRuleAndTargetsAlertmanager()
    {
        var ruleFiles = Directory.GetFiles(Path.Combine(Deploy, "generated", "prometheus", "rules"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ruleFiles);
        var rulesInFiles = ruleFiles.Sum(f => Regex.Count(File.ReadAllText(f), @"^\s*- (record|alert):", RegexOptions.Multiline));

        using var prometheus = await PrometheusProcess.StartWithConfigAsync(Path.Combine(Deploy, "prometheus", "prometheus.yml"));

        var groups = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var body = JsonDocument.Parse(await prometheus.Api.GetStringAsync("api/v1/rules")).RootElement;
            var loaded = body.GetProperty("data").GetProperty("groups").EnumerateArray().Select(g => g.Clone()).ToList();
            return loaded.Count > 0 ? loaded : null;
        }, "Prometheus to report rule groups");
        var loadedFiles = groups.Select(g => Path.GetFileName(g.GetProperty("file").GetString()!)).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ruleFiles.Select(Path.GetFileName), loadedFiles);
        Assert.Equal(rulesInFiles, groups.Sum(g => g.GetProperty("rules").GetArrayLength()));
        Assert.Contains(groups.SelectMany(g => g.GetProperty("rules").EnumerateArray()),
            r => r.GetProperty("type").GetString() == "alerting" && r.GetProperty("name").GetString() == "QNetLinkDown");

        var alertmanager = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var body = JsonDocument.Parse(await prometheus.Api.GetStringAsync("api/v1/alertmanagers")).RootElement;
            return body.GetProperty("data").GetProperty("activeAlertmanagers").EnumerateArray().Select(a => a.GetProperty("url").GetString()).FirstOrDefault();
        }, "Prometheus to discover the Alertmanager");
        Assert.Equal("http://127.0.0.1:9093/api/v2/alerts", alertmanager);
    }
}
