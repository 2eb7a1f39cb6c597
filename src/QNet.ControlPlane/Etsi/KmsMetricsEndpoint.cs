using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using QNet.Kms;
using QNet.Kms.Metrics;

namespace QNet.ControlPlane.Etsi;

/// <summary>
/// <c>/metrics</c> for a KMS hosted alone (<c>qnet kms serve --metrics-port</c>): the <c>QNet.Kms</c> meter (M8 key
/// delivery time, requests by outcome, stored keys per pool, mismatches, the audit head) in Prometheus text on its own
/// plain-HTTP listener, so a scraper needs no SAE certificate. Only that listener answers it; the ETSI routes refuse
/// such a connection anyway (no client certificate, 401).
/// </summary>
internal static class KmsMetricsEndpoint
{
    public static void AddKmsMetrics(this WebApplicationBuilder builder, KeyManager kms, IPAddress address, int port)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(KmsMetrics.MeterName)
            // Listeners subscribe by name across the process: keep this host's key manager only.
            .AddView(i => IsAnotherKms(i, kms) ? MetricStreamConfiguration.Drop : null)
            .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
    }

    /// <summary>True for an instrument of a <c>QNet.Kms</c> meter that is not <paramref name="own"/>'s (or of any, without one).</summary>
    public static bool IsAnotherKms(System.Diagnostics.Metrics.Instrument instrument, KeyManager? own) =>
        instrument.Meter.Name == KmsMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, own?.Metrics);

    public static void UseKmsMetrics(this WebApplication app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => !context.Request.IsHttps && context.Request.Path == "/metrics");
}
