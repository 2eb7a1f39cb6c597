using System.Net;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Tests.Support;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Tests.Etsi;

/// <summary>
/// The KMS hosted alone with a metrics port (<c>qnet kms serve --metrics-port</c>): its meter is served as Prometheus
/// text that <c>promtool check metrics</c> accepts, on plain HTTP without a certificate, and the ETSI routes are not
/// reachable through that listener.
/// </summary>
public sealed class KmsMetricsEndpointTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-kms-metrics-{Guid.NewGuid():N}");
    private EtsiKmsHostHandle _host = null!;

    private string Data => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        var masterKey = Path.Combine(_root, "secrets", "master.key");
        await KmsAdministration.IssueSaeAsync(Data, "sae-alice", "alice", null, masterKey, TimeProvider.System);
        await KmsAdministration.IssueSaeAsync(Data, "sae-bob", "bob", null, masterKey, TimeProvider.System);
        _host = await EtsiKmsHost.StartAsync(new EtsiKmsHostOptions(Data, port: 0, masterKeyFile: masterKey, devSupply: new DevKeySupplyOptions())
        {
            MetricsPort = 0,
        }, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Metrics_AfterOneDelivery_PrometheusTextWithTheKmsMeter()
    {
        using var alice = EtsiSaeClient.Create(new Uri($"https://127.0.0.1:{_host.Port}/"), _host.Pki.LoadSaeCertificate("sae-alice"), _host.Pki.LoadCaCertificate());
        // The development supplier's first block lands right after start; until then the pool answers 503.
        HttpStatusCode status;
        do
        {
            using var enc = await alice.GetAsync("api/v1/keys/sae-bob/enc_keys");
            status = enc.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(20);
            }
        }
        while (status == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, status);

        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_host.MetricsPort}/") };
        // The supplier keeps depositing (and auditing) while we scrape: the exported head lies between two reads.
        var headBefore = await _host.Kms.Store.AuditHeadSequenceAsync();
        var text = await plain.GetStringAsync("metrics");
        var headAfter = await _host.Kms.Store.AuditHeadSequenceAsync();
        Assert.Equal([1.0], PrometheusText.Values(text, "qnet_kms_requests_total", ("endpoint", "enc_keys"), ("outcome", "ok")));
        Assert.Equal([1.0], PrometheusText.Values(text, "qnet_kms_key_delivery_seconds_count", ("endpoint", "enc_keys")));
        Assert.InRange(Assert.Single(PrometheusText.Values(text, "qnet_kms_audit_head_sequence")), headBefore, headAfter);
        var (exitCode, output) = await PrometheusProcess.CheckMetricsAsync(text);
        Assert.True(exitCode == 0, output);

        // The plain listener carries no certificate, so the ETSI routes refuse it.
        using var etsiOverPlain = await plain.GetAsync("api/v1/keys/sae-bob/status");
        Assert.Equal(HttpStatusCode.Unauthorized, etsiOverPlain.StatusCode);
    }
}
