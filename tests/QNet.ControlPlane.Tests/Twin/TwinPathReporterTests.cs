using System.Collections.Immutable;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// A path reports to the twin's observer by position (<see cref="IPathObserver.ReporterFor"/>): what it counts must be
/// what the same calls by link and node id count, in the same order (the metric history samples the tally series in the
/// order they were created, and the click ratios and per-link sums keep the order of first use).
/// </summary>
public sealed class TwinPathReporterTests
{
    private static readonly string[] Links = ["alice-hub", "hub-bob"];
    private static readonly string[] Nodes = ["alice", "hub", "bob"];

    // Two single-click links with dark counts, so that the click ratios of a window are known (share of photon heralds).
    private const string Network = """
        name: reporter
        nodes:
          - { id: alice, kind: end }
          - { id: hub, kind: repeater }
          - { id: bob, kind: end }
        links:
          - { id: alice-hub, between: [alice, hub], length: 20km, heralding: single-click, brightStatePopulation: 0.1,
              detector: { efficiency: 0.9, darkCountRate: 1000000Hz, detectionWindow: 1ns } }
          - { id: hub-bob, between: [hub, bob], length: 30km, heralding: single-click, brightStatePopulation: 0.1,
              detector: { efficiency: 0.9, darkCountRate: 1000000Hz, detectionWindow: 1ns } }
        """;

    [Fact]
    public void ReporterFor_HeraldsSwapsAndLosses_CountedAsByIds()
    {
        var (byIds, idMetrics) = Observer();
        var (byPath, pathMetrics) = Observer();
        var reporter = ((IPathObserver)byPath).ReporterFor("s1", Links, Nodes);
        var random = new Random(7);

        // The second link heralds first, then a mix: link, fidelity, latency, dark count; swaps at the hub; losses.
        for (int i = 0; i < 200; i++)
        {
            int link = i == 0 ? 1 : random.Next(2);
            double fidelity = 0.8 + (0.2 * random.NextDouble()), latency = 1e-4 * random.NextDouble();
            bool dark = random.Next(10) == 0;
            byIds.LinkPairGenerated("s1", Links[link], fidelity, latency, dark);
            reporter.LinkPairGenerated(link, fidelity, latency, dark);
            if (i % 3 == 0)
            {
                bool success = random.Next(2) == 0;
                byIds.SwapAttempted("s1", Nodes[1], success);
                reporter.SwapAttempted(1, success);
            }
            if (i % 50 == 25)
            {
                byIds.PairLost("s1", LossReason.Cutoff);
                reporter.PairLost(LossReason.Cutoff);
            }
            if (i == 100)
            {
                Assert.Equal(Ratios(idMetrics), Ratios(pathMetrics)); // a window closed mid-run
            }
        }

        Assert.Equal(Tallies(idMetrics), Tallies(pathMetrics));
        Assert.Equal(byIds.LinkPairs.ToArray(), byPath.LinkPairs.ToArray());
        Assert.Equal(byIds.LinkFidelitySum.ToArray(), byPath.LinkFidelitySum.ToArray());
        Assert.Equal(idMetrics.Detectors.TotalClicks.ToArray(), pathMetrics.Detectors.TotalClicks.ToArray());
        var ratios = Ratios(pathMetrics);
        Assert.Equal(2, ratios.Length);
        Assert.Equal(Ratios(idMetrics), ratios);
        Assert.Equal(["hub-bob", "alice-hub"], byPath.LinkPairs.Keys);
        Assert.Equal(200, byPath.LinkPairs.Values.Sum());
    }

    [Fact]
    public void CloseWindow_ClicksOfTwoWindows_CountsEachWindowAlone()
    {
        var (observer, metrics) = Observer();
        var reporter = ((IPathObserver)observer).ReporterFor("s1", Links, Nodes);
        reporter.LinkPairGenerated(0, 0.9, 1e-4, darkCount: false);
        reporter.LinkPairGenerated(0, 0.9, 1e-4, darkCount: true);
        metrics.Detectors.CloseWindow();
        reporter.LinkPairGenerated(1, 0.9, 1e-4, darkCount: false);
        reporter.LinkPairGenerated(0, 0.9, 1e-4, darkCount: false);

        // Each ratio is clicks × (photon share of heralds) / photon clicks of this window alone, in the order of first click in it.
        var ratios = metrics.Detectors.CloseWindow().ToArray();
        Assert.Equal(["hub-bob", "alice-hub"], ratios.Select(r => r.Key));
        Assert.Equal(Share("hub-bob"), ratios[0].Value, 12);
        Assert.Equal(Share("alice-hub"), ratios[1].Value, 12);
        Assert.Equal([new("alice-hub", 3L), new KeyValuePair<string, long>("hub-bob", 1)], metrics.Detectors.TotalClicks.ToArray());
        Assert.Empty(metrics.Detectors.CloseWindow());
    }

    private static Scenario Scenario() => ScenarioLoader.Parse(Network, "reporter.yaml").Scenario!;

    private static double Share(string link) =>
        LinkModelFactory.Create(Scenario().Links.Single(l => l.Id == link)).Derive().TrueHeraldFraction;

    private static (TwinObserver Observer, TwinMetrics Metrics) Observer()
    {
        var metrics = new TwinMetrics();
        metrics.Detectors.SetFloors(Scenario());
        var observer = new TwinObserver(new Simulator(1), metrics, new EventHub(TimeProvider.System),
            () => ImmutableDictionary<string, SessionState>.Empty, (_, _, _) => { }, new SessionTracer());
        return (observer, metrics);
    }

    private static (string, string, double)[] Tallies(TwinMetrics metrics) =>
        [.. metrics.Tallies.All.Select(s => (s.Metric, string.Join(",", s.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal)), s.Value))];

    private static KeyValuePair<string, double>[] Ratios(TwinMetrics metrics) => [.. metrics.Detectors.CloseWindow()];
}
