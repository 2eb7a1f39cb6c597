using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Links;
using QNet.Physics.Hardware;
using QNet.Physics.States;

namespace QNet.Network.Tests.Entanglement;

/// <summary>Runs a repeater chain of identical abstract links, consuming every end-to-end pair at once.</summary>
internal sealed class ChainHarness : IEndToEndConsumer
{
    /// <summary>One slot everywhere and no pipelining: the model of Shchukin, Schmidt and van Loock.</summary>
    public static readonly PathMemory Textbook = new(1, 1, Pipelining: false);

    public List<double> Fidelities { get; } = [];

    public void OnEndToEnd(PathProtocol path, long handle, BellDiagonalState state, long bornPicoseconds)
    {
        Fidelities.Add(state.Fidelity);
        path.Release(handle);
    }

    public static (PathStatistics Stats, ChainHarness Harness) Run(
        int segments, double p, double swapSuccess, bool nested, PathMemory? memorySlots, double seconds, ulong seed,
        SimTime? cutoff = null, double linkFidelity = 1.0, QuantumMemory? memory = null,
        BellStateMeasurement? bsm = null, double linkLengthMetres = 0, LinkEngine engine = LinkEngine.AttemptSkipping)
    {
        var sim = new Simulator(seed);
        var tau = SimTime.FromMilliseconds(1);
        OpticalPath? path = linkLengthMetres > 0 ? OpticalPath.Of(new FiberChannel(linkLengthMetres)) : null;
        var measurement = bsm ?? new BellStateMeasurement(swapSuccess);
        var def = new PathDefinition(
            Enumerable.Range(0, segments + 1).Select(i => $"n{i}").ToArray(),
            Enumerable.Range(0, segments).Select(i => $"l{i}").ToArray(),
            Enumerable.Range(0, segments).Select(_ => (ILinkModel)new ProbabilisticLink(p, tau, linkFidelity, path)).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => memory ?? QuantumMemory.Ideal).ToArray(),
            Enumerable.Range(0, segments + 1).Select(_ => measurement).ToArray(),
            Enumerable.Range(0, segments).Select(_ => linkLengthMetres / 2e8).ToArray());
        var harness = new ChainHarness();
        var protocol = new PathProtocol(sim, "s", def, memorySlots ?? Textbook, nested, cutoff, engine, harness);
        protocol.Start();
        sim.RunUntil(SimTime.FromSeconds(seconds));
        protocol.Finish();
        return (protocol.Statistics, harness);
    }
}
