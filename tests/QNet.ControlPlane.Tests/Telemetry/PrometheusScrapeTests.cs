using System.Net;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>A real Prometheus scrapes the control plane: a query for each indicator M1..M10 returns data, and promtool accepts the exposition.</summary>
[Collection("servers")]
public sealed class PrometheusScrapeTests(MetroServerFixture fixture)
{
    private ControlPlaneServer Server => fixture.Server;

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
        await DeliverOneKeyAsync();
        using var prometheus = await PrometheusProcess.StartAsync(Server.Host.ApiPort);
        foreach (var metric in IndicatorMetrics)
        {
            await ControlPlaneServer.EventuallyAsync(async () => (await prometheus.QueryAsync(metric)) is { Length: > 0 } r ? r : null,
                $"Prometheus to return data for {metric}");
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
        await DeliverOneKeyAsync();
        var exposition = await Server.Anonymous.GetStringAsync("metrics");
        var (exitCode, output) = await PrometheusProcess.CheckMetricsAsync(exposition);
        Assert.True(exitCode == 0, $"promtool check metrics failed:\n{output}");
        foreach (var metric in IndicatorMetrics)
        {
            Assert.Contains("\n" + metric, "\n" + exposition, StringComparison.Ordinal);
        }
    }

    // M8 exists once the KMS served a key: wait for the twin's first QKD block and fetch one key as alice's SAE.
    private async Task DeliverOneKeyAsync()
    {
        var data = Server.DataDirectory;
        var pki = new DevPki(Path.Combine(data, "pki"), TimeProvider.System);
        if (!File.Exists(Path.Combine(data, "pki", "sae-alice.crt")))
        {
            await KmsAdministration.IssueSaeAsync(data, "sae-alice", "alice", null, ControlPlaneServer.MasterKeyFileUnder(Server.Root), TimeProvider.System);
            await KmsAdministration.IssueSaeAsync(data, "sae-bob", "bob", null, ControlPlaneServer.MasterKeyFileUnder(Server.Root), TimeProvider.System);
        }
        using var alice = EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{Server.Host.EtsiPort}/"), pki.LoadSaeCertificate("sae-alice"), pki.LoadCaCertificate());
        await ControlPlaneServer.EventuallyAsync(async () =>
        {
            using var r = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys?number=1&size=256");
            return r.StatusCode == HttpStatusCode.OK ? "key" : null;
        }, "a QKD key for sae-alice", attempts: 1200);
    }
}
