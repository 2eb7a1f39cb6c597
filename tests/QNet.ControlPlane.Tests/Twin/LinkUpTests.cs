using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Twin;

/// <summary>
/// <c>qnet_link_up</c> comes from each link's own health and drives <c>QNetLinkDown</c> in the in-process SLO engine:
/// the built-in metro network run offline, sampled every 15 s of twin time and evaluated as <c>TwinRunner</c> does.
/// </summary>
public sealed class LinkUpTests
{
    private const string CutLink = "carol-hub";

    [Fact]
    public void Publish_SessionsEndAndLinksIdle_EveryLinkReadsUpAndNothingPages()
    {
        var run = new Run();
        foreach (var spec in run.Twin.Scenario.Sessions)
        {
            run.Twin.Submit(spec, "scenario", run.Clock.GetUtcNow());
        }
        run.AdvanceTo(TimeSpan.FromMinutes(5));
        Assert.Contains(run.Metrics.Tallies.All, s => s.Metric == MetricCatalogue.Total(MetricCatalogue.LinkPairsGenerated) && s.Value > 0);
        foreach (var id in run.Twin.Sessions.Keys)
        {
            Assert.True(run.Twin.Cancel(id));
        }

        // With no session left, no link generates pairs: the old traffic-based rule paged after 5 + 2 minutes.
        run.AdvanceTo(TimeSpan.FromMinutes(20));

        Assert.All(run.Twin.Snapshot.Links, l => Assert.True(l.Up, l.Id));
        Assert.Equal(run.Twin.Scenario.Links.Select(l => l.Id).Order(StringComparer.Ordinal), run.LinkUp().Keys.Order(StringComparer.Ordinal));
        Assert.All(run.LinkUp(), kv => Assert.Equal(1, kv.Value));
        Assert.Empty(run.LinkDownSeen);
    }

    [Fact]
    public void Publish_LinkCutThenRepaired_LinkDownFiresWithinItsWindowAndResolvesAtTheRepair()
    {
        var run = new Run();
        var cutAt = TimeSpan.FromMinutes(5);
        var repairAt = TimeSpan.FromMinutes(15);
        run.Twin.FaultInjector.Schedule("cut", new FaultSpec(FaultKind.LinkCut, CutLink, 0, cutAt.TotalSeconds, (repairAt - cutAt).TotalSeconds));

        run.AdvanceTo(TimeSpan.FromMinutes(10));
        Assert.False(run.Twin.Snapshot.Links.Single(l => l.Id == CutLink).Up);
        Assert.Equal(0, run.LinkUp()[CutLink]);
        Assert.All(run.LinkUp().Where(kv => kv.Key != CutLink), kv => Assert.Equal(1, kv.Value));
        var firing = Assert.Single(run.Monitor.Alerts, a => a.Name == "QNetLinkDown" && a.Status == "firing");
        Assert.Equal(CutLink, firing.Labels["link"]);
        Assert.Equal("page", firing.Labels["severity"]);

        run.AdvanceTo(TimeSpan.FromMinutes(20));
        var alert = Assert.Single(run.Monitor.Alerts, a => a.Name == "QNetLinkDown");
        Assert.Equal("resolved", alert.Status);
        Assert.Equal(CutLink, Assert.Single(run.LinkDownSeen));
        // Rules run every minute with a 2-minute hold: firing 2 to 3 minutes after the cut, resolved within a minute of the repair.
        var start = run.Start;
        Assert.InRange(alert.FiredAt!.Value - start, cutAt + TimeSpan.FromMinutes(2), cutAt + TimeSpan.FromMinutes(3));
        Assert.InRange(alert.ResolvedAt!.Value - start, repairAt, repairAt + TimeSpan.FromMinutes(1));
        Assert.Equal(1, run.LinkUp()[CutLink]);
    }

    /// <summary>The metro twin with the default SLO specs, no mitigation, stepped 15 s of twin time at a time.</summary>
    private sealed class Run
    {
        public Run()
        {
            Clock = new TwinClock(Start);
            Twin = new ControlPlane.Twin.Twin(DefaultScenario.Load(), Metrics, new EventHub(TimeProvider.System), Clock, 1, _ => Task.FromResult(true), _ => { });
            Monitor = new SloMonitor(SloMonitor.LoadSpecs([]), History, Clock, () => []);
        }

        public DateTimeOffset Start { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        public TwinClock Clock { get; }

        public TwinMetrics Metrics { get; } = new();

        public TwinHistory History { get; } = new();

        public ControlPlane.Twin.Twin Twin { get; }

        public SloMonitor Monitor { get; }

        /// <summary>Links QNetLinkDown fired for at any evaluation so far.</summary>
        public SortedSet<string> LinkDownSeen { get; } = new(StringComparer.Ordinal);

        private long _ticks;

        public void AdvanceTo(TimeSpan target)
        {
            var step = SimTime.FromSeconds(TwinHistory.SampleInterval.TotalSeconds);
            var end = SimTime.FromSeconds(target.TotalSeconds);
            while (Twin.Simulator.Now < end)
            {
                Twin.Advance(new SimTime(Twin.Simulator.Now.Picoseconds + step.Picoseconds));
                Twin.Publish(0);
                if (History.SampleIfDue(Metrics.Tallies, Clock.GetUtcNow().ToUnixTimeMilliseconds()) is not null)
                {
                    Monitor.Tick(++_ticks, long.MaxValue / 4);
                    foreach (var a in Monitor.Alerts.Where(a => a.Name == "QNetLinkDown" && a.Status == "firing"))
                    {
                        LinkDownSeen.Add(a.Labels["link"]);
                    }
                }
            }
        }

        /// <summary>The twin's <c>qnet_link_up</c> tally per link.</summary>
        public Dictionary<string, double> LinkUp() =>
            Metrics.Tallies.All.Where(s => s.Metric == MetricCatalogue.LinkUp).ToDictionary(s => s.Labels["link"], s => s.Value);
    }
}
