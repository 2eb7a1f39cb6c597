using System.Runtime.CompilerServices;
using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

public class LinkTableTests
{
    private static readonly QuantumMemory Memory = new(1, 10, 1);

    private static SingleClickLink Model(double km) =>
        new(new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(km * 1000, 0.2)), new Detector(), PhotonSource.Ideal), 0.1);

    // Holds every pair for a while, then frees its channel, so restarts (Release) run as well as heralds.
    private sealed class HoldingSink(Simulator sim) : ILinkPairSink, IEventHandler
    {
        private readonly List<HeraldedLink> _byTag = [];

        public void Add(HeraldedLink link)
        {
            link.Tag = _byTag.Count;
            _byTag.Add(link);
        }

        public bool OnPair(HeraldedLink link, in LinkPair pair)
        {
            if (pair.Channel % 2 == 0)
            {
                return true;
            }
            sim.Schedule(new SimTime(40_000_000), this, link.Tag, pair.Channel);
            return false;
        }

        public void OnEvent(int kind, long argument) => _byTag[kind].Release((int)argument);
    }

    private static List<LinkStatistics> Run(bool shared, LinkEngine engine)
    {
        var sim = new Simulator(21);
        var sink = new HoldingSink(sim);
        double[] lengths = [10, 25, 40];
        LinkTable? table = shared ? new LinkTable(sim, lengths.Length, engine, sink) : null;
        var links = new List<HeraldedLink>();
        for (int i = 0; i < lengths.Length; i++)
        {
            HeraldedLink link = table is null
                ? new HeraldedLink(sim, $"l{i}", Model(lengths[i]), Memory, Memory, channels: i + 1, engine, sink, eventPriority: i)
                : new HeraldedLink(table, i, sim, $"l{i}", Model(lengths[i]), Memory, Memory, i + 1, engine, i, null, default);
            sink.Add(link);
            links.Add(link);
        }
        foreach (HeraldedLink link in links)
        {
            link.Start();
        }
        sim.RunUntil(SimTime.FromSeconds(0.5));
        foreach (HeraldedLink link in links)
        {
            link.Finish();
        }
        return [.. links.Select(l => l.Statistics)];
    }

    [Theory]
    [InlineData(LinkEngine.AttemptSkipping)]
    [InlineData(LinkEngine.PerAttempt)]
    public void Links_OneTableOrOneEach_SameDrawsAndCounters(LinkEngine engine)
    {
        List<LinkStatistics> shared = Run(shared: true, engine), own = Run(shared: false, engine);
        for (int i = 0; i < shared.Count; i++)
        {
            Assert.True(own[i].Pairs > 10, "each link heralds often enough for the comparison to mean something");
            Assert.Equal(own[i].Attempts, shared[i].Attempts);
            Assert.Equal(own[i].Pairs, shared[i].Pairs);
            Assert.Equal(own[i].DarkCountHeralds, shared[i].DarkCountHeralds);
            Assert.Equal(own[i].FidelitySum, shared[i].FidelitySum);
            Assert.Equal(own[i].HeraldingLatencySumSeconds, shared[i].HeraldingLatencySumSeconds);
        }
    }

    [Fact]
    public unsafe void Entries_LineAlignedAndAdjacent_RestartStateInFirstTwoLines()
    {
        Assert.Equal(LinkHotState.Bytes, Unsafe.SizeOf<LinkHotState>());
        var table = new LinkTable(new Simulator(1), 3, LinkEngine.AttemptSkipping, new HoldingSink(new Simulator(1)));
        nint first = (nint)Unsafe.AsPointer(ref table[0]);
        Assert.Equal(0, first % 64);
        Assert.Equal(LinkHotState.Bytes, (nint)Unsafe.AsPointer(ref table[1]) - first);
        Assert.Equal(2 * LinkHotState.Bytes, (nint)Unsafe.AsPointer(ref table[2]) - first);
        // What a restart reads and writes lies in the entry's first two lines.
        ref LinkHotState entry = ref table[0];
        Assert.InRange(Offset(ref entry, ref entry.Random), 0, 128 - 32);
        Assert.InRange(Offset(ref entry, ref entry.First), 0, 128 - Unsafe.SizeOf<ChannelState>());
        Assert.InRange(Offset(ref entry, ref entry.LogFailure), 0, 120);
        Assert.InRange(Offset(ref entry, ref entry.Priority), 0, 124);
        Assert.InRange(Offset(ref entry, ref entry.MoreChannels), 0, 124);
        Assert.InRange(Offset(ref entry, ref entry.Shared), 0, 127);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[3].Priority);
    }

    [Fact]
    public void Prefetch_IndexOutsideTable_DoesNothing()
    {
        var table = new LinkTable(new Simulator(1), 2, LinkEngine.AttemptSkipping, new HoldingSink(new Simulator(1)));
        table.Prefetch(1, LinkTable.ArgumentOf(2, 0));
        table.Prefetch(1, -1);
        Assert.Equal(2, table.Count);
    }

    private static unsafe long Offset<T>(ref LinkHotState entry, ref T field) =>
        (byte*)Unsafe.AsPointer(ref field) - (byte*)Unsafe.AsPointer(ref entry);
}
