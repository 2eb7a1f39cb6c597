using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Tests.Entanglement;

/// <summary>
/// A path started late in the clock's range (scenario durations go up to 100 days; the clock spans about 106) behaves as
/// one started at zero: links keep heralding and a long cutoff saturates instead of landing in the past.
/// </summary>
public class LongRunTests
{
    private sealed class Consumer(Simulator sim, long origin) : IEndToEndConsumer
    {
        public List<(long Since, double Fidelity, long BornSince)> Delivered { get; } = [];

        public void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds)
        {
            Delivered.Add((sim.Now.Picoseconds - origin, state.Fidelity, bornPicoseconds - origin));
            path.Release(handle);
        }
    }

    private static (PathStatistics Statistics, List<(long, double, long)> Delivered) RunFrom(SimTime origin)
    {
        var sim = new Simulator(11);
        sim.RunUntil(origin); // nothing queued: the clock moves to the origin
        const double metres = 10_000;
        var fiber = OpticalPath.Of(new FiberChannel(metres));
        var def = new PathDefinition(
            ["a", "r", "b"], ["a-r", "r-b"],
            [new ProbabilisticLink(0.2, SimTime.FromMicroseconds(100), 0.97, fiber), new ProbabilisticLink(0.2, SimTime.FromMicroseconds(100), 0.97, fiber)],
            [new QuantumMemory(2, 100, 1), new QuantumMemory(2, 100, 1), new QuantumMemory(2, 100, 1)],
            [new BellStateMeasurement(0.5), new BellStateMeasurement(0.5), new BellStateMeasurement(0.5)],
            [metres / 2e8, metres / 2e8]);
        var consumer = new Consumer(sim, origin.Picoseconds);
        // A 20-day cutoff: from day 90 its due time is past the clock's end and must saturate.
        var protocol = new PathProtocol(sim, "s", def, new PathMemory(2, 2, true), nested: false, SimTime.FromSeconds(20 * 86_400),
            LinkEngine.AttemptSkipping, consumer);
        protocol.Start();
        sim.RunUntil(origin + SimTime.FromSeconds(1));
        protocol.Finish();
        return (protocol.Statistics, consumer.Delivered);
    }

    [Fact]
    public void Path_StartedOnDay90_RunsAsOneStartedAtZero()
    {
        var atZero = RunFrom(SimTime.Zero);
        var late = RunFrom(SimTime.FromSeconds(90 * 86_400));

        Assert.True(atZero.Statistics.EndToEndPairs > 100, $"only {atZero.Statistics.EndToEndPairs} pairs");
        Assert.Equal(atZero.Statistics.EndToEndPairs, late.Statistics.EndToEndPairs);
        Assert.Equal(atZero.Statistics.SwapAttempts, late.Statistics.SwapAttempts);
        Assert.Equal(atZero.Delivered, late.Delivered);
    }
}
