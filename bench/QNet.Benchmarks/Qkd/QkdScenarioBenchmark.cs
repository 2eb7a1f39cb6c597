using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QNet.Kernel;
using QNet.Physics.Hardware;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.PostProcessing;

namespace QNet.Benchmarks.Qkd;

/// <summary>
/// Scenario benchmark: decoy-state BB84 over 100 km of 0.21 dB/km fiber (GYS detectors: η 4.5 %,
/// Y0 1.7e-6, e_d 3.3 %), run block by block (10^7 sifted bits per block, full post-processing and
/// finite-key security at ε = 1e-10) until at least 1 Mbit of secret key exists. One cold run per
/// iteration; the figure is the wall time of the whole run (target: under a minute).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class QkdScenarioBenchmark
{
    /// <summary>Secret bits produced by the last run (printed by the benchmark's log).</summary>
    public long SecretBits { get; private set; }

    [Benchmark]
    public long DecoyBb84_100km_OneMegabitOfSecretKey()
    {
        var link = new QkdLink(new FiberChannel(100_000, 0.21), Detector.WithDarkCountProbability(0.045, 1.7e-6, 0.033));
        var session = new DecoyBb84Session(new DecoyBb84Parameters(), link, new PostProcessingOptions(), new RandomStream(100));
        while (session.SecretBits < 1_000_000)
        {
            session.RunBlock(10_000_000);
        }
        SecretBits = session.SecretBits;
        Console.WriteLine($"// 100 km: {session.SecretBits} secret bits from {session.PulsesSent} pulses ({session.Now} of link time), blocks {string.Join(", ", session.Blocks.Select(b => $"{b.Key} {b.Value}"))}");
        return session.SecretBits;
    }
}
