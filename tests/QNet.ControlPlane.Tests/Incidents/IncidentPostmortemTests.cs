using QNet.ControlPlane.Events;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Sre;
using QNet.Sre.Evaluation;
using static QNet.ControlPlane.Tests.Incidents.IncidentBookTests;

namespace QNet.ControlPlane.Tests.Incidents;

/// <summary>The postmortem draft: every section, figures computed from the timeline, the history and the budgets.</summary>
public sealed class IncidentPostmortemTests
{
    private static readonly Dictionary<string, string> LinkGroup = new() { ["link"] = "alice-r1" };

    [Fact]
    public void Render_ResolvedLinkCut_SectionsTimesImpactAndRunbooks()
    {
        double remaining = 0.9;
        var book = NewBook(() => [new SloStatus("link-generation-rate", LinkGroup, T0, T0, 0, 0, null, remaining, new Dictionary<string, double>())]);
        book.RecordFault(new Fault("f-1", FaultKind.LinkCut, "alice-r1", 0, T0, null), T0);
        book.RecordEvent(new TwinEvent("mitigation", "s-1", "0af7651916cd43dd8448eb211c80319c", 30, Change: "acted", Action: "reroute", Target: "alice-r1",
            TraceIds: ["0af7651916cd43dd8448eb211c80319c"]), T0.AddSeconds(30));
        book.RecordEvent(new TwinEvent("session", "s-1", "0af7651916cd43dd8448eb211c80319c", 31, Change: "rerouted", Outcome: "running"), T0.AddSeconds(31));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(7)));
        book.RecordEvent(new TwinEvent("session", "s-1", "0af7651916cd43dd8448eb211c80319c", 500, Change: "failed", Outcome: "failed"), T0.AddSeconds(500));
        book.Acknowledge("inc-1", "oncall", T0.AddMinutes(8));
        remaining = 0.75;
        book.Observe(Alert("QNetLinkDown", "alice-r1", false, T0.AddMinutes(20)));
        var incident = book.Get("inc-1")!;

        // Delivered pairs: 1 per second in the hour before the fault; 300 over the 20 minutes after it (1200 expected).
        var history = new InMemoryMetricHistory();
        var delivered = MetricCatalogue.Total(MetricCatalogue.SessionPairsDelivered);
        var session = new Dictionary<string, string> { ["session_class"] = "qkd" };
        for (int s = -3600; s <= 0; s += 60)
        {
            history.Add(delivered, session, T0.AddSeconds(s).ToUnixTimeMilliseconds(), 3600 + s);
        }
        history.Add(delivered, session, T0.AddMinutes(20).ToUnixTimeMilliseconds(), 3600 + 300);
        history.Add(MetricCatalogue.Total(MetricCatalogue.MemoryPairsExpired), session, T0.ToUnixTimeMilliseconds(), 10);
        history.Add(MetricCatalogue.Total(MetricCatalogue.MemoryPairsExpired), session, T0.AddMinutes(20).ToUnixTimeMilliseconds(), 52);

        var impact = IncidentImpact.Of(incident, history, [], T0.AddHours(1));
        var md = IncidentPostmortem.Render(incident, impact);

        Assert.Equal((1, 1, 0), (impact.SessionsAffected, impact.SessionsFailed, impact.SessionsDegraded));
        Assert.Equal(300, impact.PairsDelivered);
        Assert.Equal(900, impact.PairsShortfall!.Value, 6);
        Assert.Equal(42, impact.PairsExpired);
        Assert.Equal(0.15, Assert.Single(impact.BudgetBurned).Burned, 12);
        foreach (var section in new[] { "## Summary", "## Impact", "## Detection and mitigation", "## Timeline", "## Runbooks used", "## Root cause", "## Actions" })
        {
            Assert.Contains(section + "\n", md);
        }
        Assert.Contains("- Time to detect (first fault to first alert): 7.0 min", md);
        Assert.Contains("- Time to mitigate (first fault to first action): 30.0 s; mitigated by reroute", md);
        Assert.Contains("- Time to acknowledge (first alert to acknowledgement): 60.0 s by oncall", md);
        Assert.Contains("- Time to resolve (first fault, else opening, to resolution): 20.0 min", md);
        Assert.Contains("- QNetLinkDown: https://runbooks.example/QNetLinkDown", md);
        Assert.Contains("pairs lost or delayed against the hour before: 900", md);
        Assert.Contains("link-generation-rate (link=alice-r1): 15.00 % of the budget", md);
        Assert.Contains("| 2026-01-05 00:00:00.000 | fault | fault f-1 injected: link-cut on alice-r1 |", md);
        Assert.Contains("0af7651916cd43dd8448eb211c80319c |", md);
        Assert.Contains("| action | owner | due | status |", md);
    }

    [Fact]
    public void Render_KeyProductionSlowedDuringTheIncident_KeyBitsLostAgainstTheHourBefore()
    {
        var book = NewBook();
        book.RecordFault(new Fault("f-1", FaultKind.LinkCut, "alice-r1", 0, T0, null), T0);
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(2)));
        book.Observe(Alert("QNetLinkDown", "alice-r1", false, T0.AddMinutes(20)));
        var incident = book.Get("inc-1")!;
        // 1,000 secret bits/s in the hour before the fault; 300,000 over the 20 minutes after it (1,200,000 expected).
        var history = new InMemoryMetricHistory();
        var bits = MetricCatalogue.Total(MetricCatalogue.QkdSecretBits);
        var link = new Dictionary<string, string> { ["link"] = "alice-bob-qkd" };
        for (int s = -3600; s <= 0; s += 60)
        {
            history.Add(bits, link, T0.AddSeconds(s).ToUnixTimeMilliseconds(), 1000.0 * (3600 + s));
        }
        history.Add(bits, link, T0.AddMinutes(20).ToUnixTimeMilliseconds(), 3_600_000 + 300_000);

        var impact = IncidentImpact.Of(incident, history, [], T0.AddHours(1));
        var md = IncidentPostmortem.Render(incident, impact);

        Assert.Equal(300_000, impact.KeyBitsDelivered);
        Assert.Equal(900_000, impact.KeyBitsShortfall!.Value, 6);
        Assert.Contains("- Keys: secret key bits distilled in the window: 300000; key bits lost or delayed against the hour before: 900000;", md);
    }

    [Fact]
    public void Of_NoHistoryBeforeTheFault_ShortfallHasNoBaseline()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        var impact = IncidentImpact.Of(book.Get("inc-1")!, new InMemoryMetricHistory(), [], T0.AddMinutes(5));

        Assert.Null(impact.PairsShortfall);
        Assert.Null(impact.KeyBitsShortfall);
        Assert.Contains("no baseline", IncidentPostmortem.Render(book.Get("inc-1")!, impact));
    }

    [Fact]
    public void Of_SuspendedAndDegradedSessions_CountedAsFailedAndDegraded()
    {
        var book = NewBook();
        book.RecordFault(new Fault("f-1", FaultKind.LinkCut, "alice-r1", 0, T0, null), T0);
        book.RecordEvent(new TwinEvent("session", "s-1", "0af7651916cd43dd8448eb211c80319c", 1, Change: "suspended", Outcome: "failed",
            Reason: "link alice-r1 failed and no other path serves it"), T0.AddSeconds(1));
        book.RecordEvent(new TwinEvent("session", "s-2", "1bf7651916cd43dd8448eb211c80319d", 1, Change: "degraded", Outcome: "degraded",
            Reason: "fault on alice-r1 lowers the path estimate below the target"), T0.AddSeconds(1));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(3)));
        var incident = book.Get("inc-1")!;

        var impact = IncidentImpact.Of(incident, new InMemoryMetricHistory(), [], T0.AddMinutes(5));

        Assert.Equal((2, 1, 1), (impact.SessionsAffected, impact.SessionsFailed, impact.SessionsDegraded));
        Assert.Contains("(failed or suspended: 1, degraded — rerouted, restarted or below target: 1)", IncidentPostmortem.Render(incident, impact));
    }
}
