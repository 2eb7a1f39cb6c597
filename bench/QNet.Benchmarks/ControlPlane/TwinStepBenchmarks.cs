using BenchmarkDotNet.Attributes;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Qkd;
using QNet.Qkd.Bb84;

namespace QNet.Benchmarks.ControlPlane;

/// <summary>
/// The metro twin's work per simulated time, without HTTP: <see cref="AdvanceTenSeconds"/> runs its three
/// entanglement sessions (with metrics, observer and tallies) for 10 simulated seconds; CPU share at real time is
/// mean / 10 s, and the twin keeps up at time factor 100 when the mean is under 100 ms. <see cref="QkdBlock"/> is
/// one BB84 block of the alice–bob QKD link (one per 20 simulated seconds at 2.5 MHz), run on its own task.
/// </summary>
[MemoryDiagnoser]
public class TwinStepBenchmarks
{
    private Twin _twin = null!;
    private QkdDriver _qkd = null!;
    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = DefaultScenario.Load();
        var clock = new TwinClock(DateTimeOffset.UnixEpoch);
        _twin = new Twin(_scenario, new TwinMetrics(), new EventHub(TimeProvider.System), clock, 1, _ => Task.FromResult(true), _ => { });
        foreach (var s in _scenario.Sessions)
        {
            _twin.Submit(s, "scenario", DateTimeOffset.UnixEpoch);
        }

        _twin.Advance(SimTime.FromSeconds(5));
        var sim = new Simulator(7);
        _qkd = new QkdDriver(_scenario.Links.Single(l => l.Qkd is not null), sim, new QkdKeyBridge(clock.At));
    }

    [Benchmark]
    public void AdvanceTenSeconds()
    {
        _twin.Advance(new SimTime(_twin.Simulator.Now.Picoseconds + SimTime.FromSeconds(10).Picoseconds));
        _twin.Publish(0);
    }

    [Benchmark]
    public bool QkdBlock() => _qkd.Step(SimTime.MaxValue);

    /// <summary>The optics part of one block alone: the detection records (clicks) of 10⁶ sifted bits; the rest of <see cref="QkdBlock"/> is post-processing.</summary>
    [Benchmark]
    public int QkdDetections() => _detections.Run(_clicks).Count;

    private DecoyBb84Simulator _detections = null!;
    private int _clicks;

    [GlobalSetup(Target = nameof(QkdDetections))]
    public void SetupDetections()
    {
        Setup();
        var link = _scenario.Links.Single(l => l.Qkd is not null);
        var qkd = link.Qkd!;
        var probabilities = qkd.IntensityProbabilities ?? QkdSpec.DefaultIntensityProbabilities;
        var protocol = new DecoyBb84Parameters(qkd.Intensities!.Signal, qkd.Intensities.Decoy, qkd.Intensities.Vacuum, probabilities.Signal, probabilities.Decoy,
            qkd.ZBasisProbability, qkd.PulseRateHz ?? 1e8, qkd.ErrorCorrectionEfficiency, qkd.AfterPulseProbability);
        _detections = new DecoyBb84Simulator(protocol, new QkdLink(link.ToFiberChannel(), link.Detector!), new RandomStream(7));
        _clicks = (int)Math.Ceiling(qkd.BlockSizeBits / (qkd.ZBasisProbability * qkd.ZBasisProbability));
    }
}
