using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Tests.Entanglement;

public class PathCutoffLaneTests
{
    private sealed class Consumer : IEndToEndConsumer
    {
        public List<(long Time, double Fidelity, long Born)> Delivered { get; } = [];

        public Simulator? Sim { get; set; }

        public void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds)
        {
            Delivered.Add((Sim!.Now.Picoseconds, state.Fidelity, bornPicoseconds));
            path.Release(handle);
        }
    }

    private sealed record Outcome(
        long SwapAttempts, long SwapSuccesses, long CutoffDiscards, long PurificationFailures, long EndToEndPairs,
        double WaitingTimeSumSeconds, List<(long Time, double Fidelity, long Born)> Delivered, long Events);

    // A chain of fiber links (swap news takes time), memories that dephase, swaps that fail half the time, and a cutoff
    // short enough to discard many pairs: every branch of the cutoff handling is taken.
    private static Outcome Run(bool eventPerTimer, int segments, bool nested, PathMemory memory, bool linkPurification, ulong seed)
    {
        var sim = new Simulator(seed);
        const double metres = 20_000;
        var fiber = OpticalPath.Of(new FiberChannel(metres));
        var def = new PathDefinition(
            Enumerable.Range(0, segments + 1).Select(i => $"n{i}").ToArray(),
            Enumerable.Range(0, segments).Select(i => $"l{i}").ToArray(),
            Enumerable.Range(0, segments).Select(_ => (ILinkModel)new ProbabilisticLink(0.3, SimTime.FromMicroseconds(200), 0.95, fiber)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => new QuantumMemory(4, double.PositiveInfinity, 0.01)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => new BellStateMeasurement(0.5)).ToArray(),
            Enumerable.Range(0, segments).Select(_ => metres / 2e8).ToArray());
        var consumer = new Consumer { Sim = sim };
        var protocol = new PathProtocol(sim, "s", def, memory, nested, SimTime.FromMilliseconds(1), LinkEngine.AttemptSkipping, consumer,
            linkPurification: linkPurification ? new PurificationSpec(PurificationScheme.Dejmps, Scope: PurificationScope.Link) : null)
        {
            EventPerCutoffTimer = eventPerTimer,
        };
        protocol.Start();
        sim.RunUntil(SimTime.FromSeconds(1));
        protocol.Finish();
        PathStatistics s = protocol.Statistics;
        return new Outcome(s.SwapAttempts, s.SwapSuccesses, s.CutoffDiscards, s.PurificationFailures, s.EndToEndPairs,
            s.WaitingTimeSumSeconds, consumer.Delivered, sim.EventsProcessed);
    }

    private static (long, long, long, long, long, double) Counters(Outcome o) =>
        (o.SwapAttempts, o.SwapSuccesses, o.CutoffDiscards, o.PurificationFailures, o.EndToEndPairs, o.WaitingTimeSumSeconds);

    [Theory]
    [InlineData(4, false, 2, true, false)]
    [InlineData(4, true, 1, false, false)]
    [InlineData(3, false, 3, true, true)]
    [InlineData(2, false, 2, false, true)]
    public void CutoffLane_AgainstAnEventPerTimer_SameRunWithFewerEvents(int segments, bool nested, int slots, bool pipelining, bool linkPurification)
    {
        var memory = new PathMemory(slots, slots, pipelining);
        Outcome before = Run(eventPerTimer: true, segments, nested, memory, linkPurification, seed: 5);
        Outcome after = Run(eventPerTimer: false, segments, nested, memory, linkPurification, seed: 5);

        Assert.True(before.CutoffDiscards > 20, $"only {before.CutoffDiscards} cutoff discards");
        Assert.True(before.EndToEndPairs > 20, $"only {before.EndToEndPairs} end-to-end pairs");
        Assert.Equal(Counters(before), Counters(after));
        Assert.Equal(before.Delivered, after.Delivered);
        Assert.True(after.Events < before.Events, $"{after.Events} events with the lane, {before.Events} with a timer each");
    }
}
