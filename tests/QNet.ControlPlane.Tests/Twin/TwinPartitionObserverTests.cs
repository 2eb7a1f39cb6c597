using QNet.ControlPlane.GameDays;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Incidents;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// With session partitions, each partition counts its heralds, swaps, deliveries and losses on its own thread and adds
/// them to the observer's series at each sync point, replaying only first uses (or every call while a stream subscriber,
/// a traced session or a meter listener needs them in order). What the twin then reads (every tally series in order,
/// the per-link sums, the click counts, each session's pairs and mean fidelity) must be what one simulator with every
/// call reaching the observer one by one gives, at every sample.
/// </summary>
public sealed class TwinPartitionObserverTests
{
    [Fact]
    public void Run_MetroOnZeroOneAndTwoThreads_SameTalliesSumsAndSessionFiguresAtEverySample()
    {
        var none = Samples(partitionThreads: 0, subscribed: false);
        var one = Samples(partitionThreads: 1, subscribed: false);
        var two = Samples(partitionThreads: 2, subscribed: false);

        Assert.Equal(none, one);
        Assert.Equal(none, two);
    }

    [Fact]
    public void Run_MetroWithAStreamSubscriber_EveryCallReplayedInOrder_SameFiguresAsWithout()
    {
        // A subscriber (here the incident book's feed) makes the partitions record every call; the figures stay the same.
        var kept = Samples(partitionThreads: 2, subscribed: false);
        var replayed = Samples(partitionThreads: 2, subscribed: true);

        Assert.Equal(kept, replayed);
    }

    // What the twin exposes after each 15 s sample of 4 simulated minutes on the metro network.
    private static List<string> Samples(int partitionThreads, bool subscribed)
    {
        var scenario = DefaultScenario.Load();
        var book = subscribed
            ? new IncidentBook(scenario.Links.ToDictionary(l => l.Id, l => (l.NodeA, l.NodeB), StringComparer.Ordinal), QNet.Sre.Alerting.AlertRoutingModel.GroupLabels)
            : null;
        var twin = new OfflineTwin(scenario, incidents: book, partitionThreads: partitionThreads);
        var samples = new List<string>();
        twin.RunUntil(240, () => samples.Add(Figures(twin)));

        Assert.Equal(partitionThreads > 0, twin.Twin.Scheduler.PartitionEvents > 0);
        // The metro's sessions share links, so the partitions' tallies meet in one series.
        Assert.True(twin.Twin.Observer.LinkPairs.Count > 0);
        Assert.All(twin.Twin.Sessions.Values, s => Assert.True(s.Pairs > 0, $"{s.Info.Spec.Id} delivered nothing"));
        return samples;
    }

    private static string Figures(OfflineTwin twin)
    {
        var o = twin.Twin.Observer;
        var lines = new List<string> { $"t={twin.Seconds}" };
        lines.AddRange(twin.Twin.Metrics.Tallies.All.Select(s =>
            $"{s.Metric}{{{string.Join(",", s.Labels.Select(kv => kv.Key + "=" + kv.Value))}}} {Bits(s.Value)}"));
        lines.AddRange(o.LinkPairs.Select(kv => $"link {kv.Key} {kv.Value} {Bits(o.LinkFidelitySum[kv.Key])} {Bits(o.LinkFidelitySquares[kv.Key])}"));
        lines.AddRange(twin.Twin.Metrics.Detectors.TotalClicks.Select(kv => $"clicks {kv.Key} {kv.Value}"));
        lines.AddRange(twin.Twin.Sessions.Values.OrderBy(s => s.Info.Spec.Id, StringComparer.Ordinal)
            .Select(s => $"session {s.Info.Spec.Id} {s.Pairs} {Bits(s.MeanFidelity)}"));
        return string.Join("\n", lines);
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
