using System.Net;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Hosting;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// A real Prometheus scrapes a real <c>qnet up</c> process (its own process, so no other host in the test process can
/// touch its meters): a query for each indicator M1..M10 returns data, and promtool accepts the exposition.
/// </summary>
[Collection("servers")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync, which disposes the client.")]
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-prom-up-{Guid.NewGuid():N}");
    private QnetUpProcess _up = null!;
    private HttpClient _http = null!;

    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public async Task InitializeAsync()
    {
        foreach (var (sae, kme) in new[] { ("sae-alice", "alice"), ("sae-bob", "bob") })
        {
            await KmsAdministration.IssueSaeAsync(Data, sae, kme, null, MasterKey, TimeProvider.System);
        }
        _up = await QnetUpProcess.StartAsync(Data, MasterKey, timeFactor: 5);
        _http = new HttpClient { BaseAddress = _up.ApiUrl };
        await DeliverOneKeyAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _up.StopAsync();
        _up.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>One query per indicator of the architecture's SLI table (each metric name, all of them).</summary>
    public static readonly string[] IndicatorMetrics =
    [
        "qnet_link_pairs_generated_total", "qnet_session_pairs_delivered_total",          // M1
        "qnet_link_pair_fidelity_bucket", "qnet_session_pair_fidelity_bucket",            // M2
        "qnet_link_transmittance_ratio",                                                  // M3
        "qnet_swap_attempts_total", "qnet_swap_successes_total",                          // M4
        "qnet_memory_coherence_time_seconds", "qnet_memory_pairs_expired_total",          // M5
        "qnet_heralding_latency_seconds_bucket",                                          // M6
        "qnet_session_requests_total",                                                    // M7
        "qnet_kms_key_delivery_seconds_bucket",                                           // M8
        "http_server_request_duration_seconds_bucket",                                    // M9
        "qnet_calibration_drift_ratio",                                                   // M10
    ];

    [Fact]
    public async Task Scrape_EveryIndicatorM1ToM10_HasData()
    {
        using var prometheus = await PrometheusProcess.StartAsync(_up.ApiPort);
        foreach (var metric in IndicatorMetrics)
        {
            try
            {
                await ControlPlaneServer.EventuallyAsync(async () => (await prometheus.QueryAsync(metric)) is { Length: > 0 } r ? r : null,
                    $"Prometheus to return data for {metric}", attempts: 1200);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                var exposition = await _http.GetStringAsync("metrics");
                throw new Xunit.Sdk.XunitException($"{e.Message}\nscrape targets: {await prometheus.TargetsAsync()}\nexposition lines: "
                    + string.Join("\n", exposition.Split('\n').Where(l => l.Contains(metric, StringComparison.Ordinal)).Take(5)));
            }
        }
        // The SLO thresholds are bucket bounds, so the shipped rules' selectors match real series.
        Assert.NotEmpty(await prometheus.QueryAsync("""qnet_session_pair_fidelity_bucket{le="0.9"}"""));
        Assert.NotEmpty(await prometheus.QueryAsync("""qnet_heralding_latency_seconds_bucket{le="0.005"}"""));
        Assert.NotEmpty(await prometheus.QueryAsync("""qnet_kms_key_delivery_seconds_bucket{le="0.5"}"""));
        Assert.NotEmpty(await prometheus.QueryAsync("""http_server_request_duration_seconds_bucket{le="0.25"}"""));
    }

    [Fact]
    public async Task Metrics_Exposition_PassesPromtoolCheck()
    {
        var exposition = await _http.GetStringAsync("metrics");
        var (exitCode, output) = await PrometheusProcess.CheckMetricsAsync(exposition);
        Assert.True(exitCode == 0, $"promtool check metrics failed:\n{output}");
        foreach (var metric in IndicatorMetrics)
        {
            Assert.Contains("\n" + metric, "\n" + exposition, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_EveryQnetSeries_IsInTheCatalogue()
    {
        var exposition = await _http.GetStringAsync("metrics");
        var names = exposition.Split('\n')
            .Where(l => l.StartsWith("# TYPE qnet_", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(Sre.MetricCatalogue.Contains(n), $"{n} is exported but not in QNet.Sre.MetricCatalogue"));
    }

    // M8 exists once the KMS served a key: wait for the twin's first QKD block and fetch one key as alice's SAE.
    private async Task DeliverOneKeyAsync()
    {
        var pki = new DevPki(Path.Combine(Data, "pki"), TimeProvider.System);
        using var alice = EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{_up.EtsiPort}/"), pki.LoadSaeCertificate("sae-alice"), pki.LoadCaCertificate());
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            using var r = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
            return r.StatusCode == HttpStatusCode.OK ? "key" : null;
        }, "a QKD key for sae-alice", attempts: 1200);
    }
}
