using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Tests.Entanglement;

public class PathLinkLaneTests
{
    private sealed class Consumer(Simulator sim) : IEndToEndConsumer
    {
        public List<(long Time, double Fidelity, long Born)> Delivered { get; } = [];

        public void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds)
        {
            Delivered.Add((sim.Now.Picoseconds, state.Fidelity, bornPicoseconds));
            path.Release(handle);
        }
    }

    // A chain of equal fiber links (heralds on a common grid, so many fall at one instant), swaps that fail a fifth of the
    // time (releases travel as events of their own), a cutoff (cutoff events at their own priority) and dephasing memories.
    private static (PathStatistics Statistics, List<(long, double, long)> Delivered, long Events, long Attempts) Run(
        bool linkLane, int segments, int slots, LinkEngine engine, bool nested, ulong seed)
    {
        var sim = new Simulator(seed);
        const double metres = 10_000;
        var fiber = OpticalPath.Of(new FiberChannel(metres));
        var def = new PathDefinition(
            Enumerable.Range(0, segments + 1).Select(i => $"n{i}").ToArray(),
            Enumerable.Range(0, segments).Select(i => $"l{i}").ToArray(),
            Enumerable.Range(0, segments).Select(_ => (ILinkModel)new ProbabilisticLink(0.2, SimTime.FromMicroseconds(100), 0.97, fiber)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => new QuantumMemory(4, double.PositiveInfinity, 0.05)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => new BellStateMeasurement(0.8)).ToArray(),
            Enumerable.Range(0, segments).Select(_ => metres / 2e8).ToArray());
        var consumer = new Consumer(sim);
        var protocol = new PathProtocol(sim, "s", def, new PathMemory(slots, slots, Pipelining: !nested), nested,
            SimTime.FromMilliseconds(2), engine, consumer, linkLane: linkLane);
        protocol.Start();
        sim.RunUntil(SimTime.FromMilliseconds(200));
        protocol.Finish();
        return (protocol.Statistics, consumer.Delivered, sim.EventsProcessed, protocol.Links.Sum(l => l.Statistics.Attempts));
    }

    [Theory]
    [InlineData(10, 1, LinkEngine.AttemptSkipping, false)]
    [InlineData(12, 3, LinkEngine.AttemptSkipping, false)]
    [InlineData(16, 2, LinkEngine.AttemptSkipping, true)]
    [InlineData(12, 2, LinkEngine.PerAttempt, false)]
    public void LinkLane_AgainstAnEventPerHerald_SameRunAndEventCount(int segments, int slots, LinkEngine engine, bool nested)
    {
        var plain = Run(linkLane: false, segments, slots, engine, nested, seed: 9);
        var laned = Run(linkLane: true, segments, slots, engine, nested, seed: 9);

        Assert.True(plain.Statistics.EndToEndPairs > 5, $"only {plain.Statistics.EndToEndPairs} end-to-end pairs");
        Assert.True(plain.Statistics.CutoffDiscards > 5, $"only {plain.Statistics.CutoffDiscards} cutoff discards");
        Assert.True(plain.Statistics.SwapAttempts > plain.Statistics.SwapSuccesses, "no swap failed");
        Assert.Equal(
            (plain.Statistics.SwapAttempts, plain.Statistics.SwapSuccesses, plain.Statistics.CutoffDiscards, plain.Statistics.EndToEndPairs, plain.Statistics.WaitingTimeSumSeconds),
            (laned.Statistics.SwapAttempts, laned.Statistics.SwapSuccesses, laned.Statistics.CutoffDiscards, laned.Statistics.EndToEndPairs, laned.Statistics.WaitingTimeSumSeconds));
        Assert.Equal(plain.Delivered, laned.Delivered);
        Assert.Equal(plain.Events, laned.Events);
        Assert.Equal(plain.Attempts, laned.Attempts);
    }
}
