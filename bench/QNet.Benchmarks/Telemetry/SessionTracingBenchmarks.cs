using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;

namespace QNet.Benchmarks.Telemetry;

/// <summary>
/// Cost of the sessions' traces and exemplars. <see cref="AdvanceTenSeconds"/> runs the metro twin's three sessions for
/// 10 simulated seconds (as <c>ControlPlane.TwinStepBenchmarks</c>) with <see cref="Telemetry"/>: <c>none</c> (no
/// listener: no spans, no exemplars), <c>spans</c> (the tracer alone, no metric reader), <c>traces</c> (what <c>qnet up</c> runs: an always-on tracer whose spans go
/// through a batch processor to an exporter that drops them, standing in for OTLP, and a meter provider with
/// trace-based exemplars). CPU share at real time is mean / 10 s. <see cref="ThousandHeralds"/> is the tracer alone:
/// 1,000 herald events of one session in one window.
/// </summary>
[MemoryDiagnoser]
public class SessionTracingBenchmarks
{
    private Twin _twin = null!;
    private SessionTracer _tracer = null!;
    private TracerProvider? _traces;
    private MeterProvider? _metrics;

    [Params("none", "spans", "traces")]
    public string Telemetry { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        if (Telemetry is "spans" or "traces")
        {
            _traces = Sdk.CreateTracerProviderBuilder().SetSampler(new AlwaysOnSampler()).AddSource(SessionTracer.SourceName)
                .AddProcessor(new BatchActivityExportProcessor(new DroppingSpanExporter())).Build();
        }
        if (Telemetry == "traces")
        {
            _metrics = Sdk.CreateMeterProviderBuilder().AddMeter(TwinMetrics.MeterName).SetExemplarFilter(ExemplarFilterType.TraceBased)
                .AddReader(new BaseExportingMetricReader(new DroppingMetricExporter())).Build();
        }
        var scenario = DefaultScenario.Load();
        _twin = new Twin(scenario, new TwinMetrics(), new EventHub(TimeProvider.System), new TwinClock(DateTimeOffset.UnixEpoch), 1, _ => Task.FromResult(true), _ => { });
        foreach (var s in scenario.Sessions)
        {
            _twin.Submit(s, "scenario", DateTimeOffset.UnixEpoch);
        }

        _twin.Advance(SimTime.FromSeconds(5));
        _tracer = new SessionTracer();
        _tracer.Begin("bench", "scenario", "raw", null, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _traces?.Dispose();
        _metrics?.Dispose();
    }

    [Benchmark]
    public void AdvanceTenSeconds()
    {
        _twin.Advance(new SimTime(_twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(10).Picoseconds));
        _twin.Publish(0);
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public Activity? ThousandHeralds()
    {
        Activity? span = null;
        for (int i = 0; i < 1000; i++)
        {
            span = _tracer.Event("bench", "herald", i * 1e-3, 0.95, false, new KeyValuePair<string, object?>("qnet.link", "alice-r1"));
        }
        return span;
    }

    private sealed class DroppingSpanExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }

    private sealed class DroppingMetricExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
