using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>Scenario benchmarks that print their own figures: one iteration, in process, no warm-up or pilot.</summary>
public sealed class OneShotConfig : ManualConfig
{
    public OneShotConfig() =>
        AddJob(Job.Dry.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
}
