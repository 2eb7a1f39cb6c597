using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// Exemplars: with the OpenMetrics Accept header, the latency histograms M6 (heralding), M8 (key delivery) and M9
/// (API) show on their buckets the trace id of a span that was current when the measurement was taken: a session's
/// trace for M6, the request's trace for M8 and M9. A real Prometheus with exemplar storage scrapes them and returns
/// them from /api/v1/query_exemplars; the classic text exposition stays as it was (promtool).
/// </summary>
[Collection("servers")]
public sealed partial class ExemplarTests(TracedServerFixture fixture) : IClassFixture<TracedServerFixture>
{
    private const string OpenMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>The latency histograms whose buckets link to traces.</summary>
    public static readonly string[] LatencyHistograms = ["qnet_heralding_latency_seconds", "qnet_kms_key_delivery_seconds", "http_server_request_duration_seconds"];

    [GeneratedRegex("""^(?<metric>[a-z_]+)_bucket\{(?<labels>[^}]*)\} \d+ # \{trace_id="(?<trace>[0-9a-f]{32})",span_id="(?<span>[0-9a-f]{16})"\} (?<value>\S+) (?<time>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex BucketExemplar();

    private async Task<string> ScrapeOpenMetricsAsync()
    {
        using var anonymous = fixture.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.TryAddWithoutValidation("Accept", OpenMetrics);
        using var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string[]> ExemplarTraces(string exposition) =>
        BucketExemplar().Matches(exposition).GroupBy(m => m.Groups["metric"].Value)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["trace"].Value).Distinct().ToArray());

    [Fact]
    public async Task Metrics_OpenMetricsAccept_LatencyBucketsLinkToTraces()
    {
        await fixture.DeliverOneKeyAsync();
        using var sessions = await fixture.Viewer.GetAsync("api/v1/sessions");
        var traceIds = (await ControlPlaneServer.ReadJsonAsync(sessions)).EnumerateArray().Select(s => s.GetProperty("traceId").GetString()!).ToHashSet();

        string exposition = "";
        var exemplars = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            exposition = await ScrapeOpenMetricsAsync();
            var found = ExemplarTraces(exposition);
            return LatencyHistograms.All(found.ContainsKey) ? found : null;
        }, "exemplars on every latency histogram: " + string.Join(", ", LatencyHistograms));

        // Every M6 exemplar is the trace of one of this host's sessions (the view keeps other in-process hosts' twins out).
        Assert.All(exemplars["qnet_heralding_latency_seconds"], t => Assert.Contains(t, traceIds));
        // M8 and M9 exemplars are request traces, exported over OTLP as ASP.NET Core server spans.
        foreach (var metric in new[] { "qnet_kms_key_delivery_seconds", "http_server_request_duration_seconds" })
        {
            await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(
                fixture.Receiver.Spans.FirstOrDefault(s => exemplars[metric].Contains(s.TraceId) && s.Scope == "Microsoft.AspNetCore")),
                $"an exported request span with a trace id of the {metric} exemplars");
        }
        Assert.EndsWith("# EOF\n", exposition, StringComparison.Ordinal);
    }

    // promtool 2.42 `check metrics` parses only the classic text format ("expected integer as timestamp, got #" on an
    // exemplar), so it lints the classic exposition, which keeps no exemplars; Prometheus's own OpenMetrics parser reads
    // the other (the exemplar-storage test below checks that scrape is healthy).
    [Fact]
    public async Task Metrics_ClassicExpositionWithExemplarsEnabled_PassesPromtoolCheckAndHasNoExemplars()
    {
        await ControlPlaneServer.EventuallyAsync(async () => ExemplarTraces(await ScrapeOpenMetricsAsync()).Count > 0 ? "exemplars" : null, "an exemplar");
        using var anonymous = fixture.Client(null);
        var exposition = await anonymous.GetStringAsync("metrics");
        Assert.DoesNotContain("trace_id", exposition, StringComparison.Ordinal);
        var (exitCode, output) = await PrometheusProcess.CheckMetricsAsync(exposition);
        Assert.True(exitCode == 0, $"promtool check metrics failed:\n{output}");
    }

    [Fact]
    public async Task Prometheus_ExemplarStorage_ReturnsHeraldingExemplarsWithSessionTraces()
    {
        using var prometheus = await PrometheusProcess.StartAsync(fixture.Host.ApiPort, "exemplar-storage");
        using var sessions = await fixture.Viewer.GetAsync("api/v1/sessions");
        var traceIds = (await ControlPlaneServer.ReadJsonAsync(sessions)).EnumerateArray().Select(s => s.GetProperty("traceId").GetString()!).ToHashSet();
        var found = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var end = DateTimeOffset.UtcNow;
            var url = string.Create(CultureInfo.InvariantCulture,
                $"api/v1/query_exemplars?query={WebUtility.UrlEncode("qnet_heralding_latency_seconds_bucket")}&start={end.AddMinutes(-5).ToUnixTimeSeconds()}&end={end.AddMinutes(1).ToUnixTimeSeconds()}");
            var body = JsonDocument.Parse(await prometheus.Api.GetStringAsync(url)).RootElement;
            var traces = body.GetProperty("data").EnumerateArray()
                .SelectMany(series => series.GetProperty("exemplars").EnumerateArray())
                .Select(e => e.GetProperty("labels").TryGetProperty("trace_id", out var t) ? t.GetString() : null)
                .Where(t => t is not null && traceIds.Contains(t)).ToArray();
            return traces.Length > 0 ? traces : null;
        }, "Prometheus to return a heralding-latency exemplar with a session's trace id", attempts: 600);
        Assert.NotEmpty(found);
        var target = JsonDocument.Parse(await prometheus.TargetsAsync()).RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Single();
        Assert.Equal("up", target.GetProperty("health").GetString());
        Assert.Equal("", target.GetProperty("lastError").GetString());
    }
}
