using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using QNet.ControlPlane.Hosting;
using QNet.Kms;
using QNet.Kms.Metrics;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// The host's OpenTelemetry: metrics of <c>QNet.Twin</c>, <c>QNet.Kms</c> and ASP.NET Core exported at
/// <c>/metrics</c> with trace-based exemplars (a measurement taken while a sampled span is current keeps that span's
/// trace id on its bucket, shown in the OpenMetrics exposition); traces of <c>QNet.Twin</c> (the sessions) and
/// ASP.NET Core requests, always sampled so the exemplars and the sessions' trace ids are real, and exported over
/// OTLP/HTTP only when <see cref="ControlPlaneOptions.OtlpEndpoint"/> is set.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>Service name of the exported resource.</summary>
    public const string ServiceName = "qnet";

    /// <summary>Registers metrics and tracing on <paramref name="services"/>.</summary>
    public static void AddQNetTelemetry(this IServiceCollection services, ControlPlaneOptions options)
    {
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        otel.WithMetrics(m =>
        {
            m.AddMeter(TwinMetrics.MeterName, KmsMetrics.MeterName, MaintenanceMetrics.MeterName, Agents.AgentMetrics.MeterName, HighAvailability.HaMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .SetExemplarFilter(ExemplarFilterType.TraceBased)
                .AddPrometheusExporter(p => p.ScrapeResponseCacheDurationMilliseconds = 0);
            // The SDK subscribes to meters by name across the process: keep only this host's twin (its meter comes from
            // this host's IMeterFactory) and this host's key manager (its meter is scoped to its KmsMetrics).
            ((IDeferredMeterProviderBuilder)m).Configure((sp, b) =>
            {
                var own = sp.GetRequiredService<IMeterFactory>();
                var ownKms = sp.GetService<IKeyBlockSink>() as KeyManager;
                b.AddView(i => ((i.Meter.Name is TwinMetrics.MeterName or HighAvailability.HaMetrics.MeterName) && !ReferenceEquals(i.Meter.Scope, own)) || Etsi.KmsMetricsEndpoint.IsAnotherKms(i, ownKms)
                    ? MetricStreamConfiguration.Drop : null);
            });
        });
        otel.WithTracing(t =>
        {
            t.SetSampler(new AlwaysOnSampler())
                .AddSource(SessionTracer.SourceName)
                .AddAspNetCoreInstrumentation(a => a.Filter = http => !IsScrapeOrStream(http.Request.Path));
            if (options.OtlpTracesUrl is { } endpoint)
            {
                t.AddOtlpExporter(o =>
                {
                    o.Endpoint = endpoint;
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                });
            }
        });
    }

    // Scrapes and the long-lived event stream would flood the traces without telling anything about a session.
    private static bool IsScrapeOrStream(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/api/v1/events");
}
