using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Incidents;
using QNet.Network.Scenarios;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.Incidents;

/// <summary>A link cut on the offline metro twin (seeded, so every run is the same) becomes one incident whose timeline tells the whole story.</summary>
public sealed class IncidentEndToEndTests(ITestOutputHelper output)
{
    private const string Link = "carol-hub";

    [Fact]
    public void LinkCut_DetectedMitigatedRepaired_OneIncidentWithFaultAlertMitigationAndRecovery()
    {
        var scenario = DefaultScenario.Load();
        var book = new IncidentBook(scenario.Links.ToDictionary(l => l.Id, l => (l.NodeA, l.NodeB), StringComparer.Ordinal),
            QNet.Sre.Alerting.AlertRoutingModel.GroupLabels);
        var h = new FailureModeHarness(scenario, incidents: book);
        h.Run(TimeSpan.FromMinutes(2));
        Assert.Empty(book.List(null));

        var cutAt = h.Clock.GetUtcNow();
        var fault = h.Inject(FaultKind.LinkCut, Link, 0);
        h.Run(TimeSpan.FromMinutes(8));
        var open = Assert.Single(book.List(null), i => i.Key == $"link=\"{Link}\"");
        Assert.Contains(open.Alerts, a => a.Name == "QNetLinkDown" && a.Status == "firing");
        Assert.Equal("mitigated", open.State);

        h.Clear(fault);
        h.Run(TimeSpan.FromMinutes(10));
        // One incident for the link, however its alerts flap (the slow-burn transmittance alert fires after the repair).
        var incident = book.Get(Assert.Single(book.List(null), i => i.Key == $"link=\"{Link}\"").Id)!;
        foreach (var e in incident.Timeline)
        {
            output.WriteLine($"{e.At:HH:mm:ss} {e.Kind,-16} {e.Text} {e.TraceId}");
        }

        var kinds = incident.Timeline.Select(e => e.Kind).ToList();
        var faultEntry = Assert.Single(incident.Timeline, e => e.Kind == "fault");
        Assert.Equal(cutAt, faultEntry.At);
        Assert.Contains(fault, faultEntry.Text);
        var mitigation = incident.Timeline.First(e => e.Kind == "mitigation");
        Assert.Equal(Link, mitigation.Target);
        Assert.Equal("reroute", incident.MitigatedBy);
        var firing = incident.Timeline.First(e => e.Kind == "alert-firing" && e.Target == "QNetLinkDown");
        var repaired = Assert.Single(incident.Timeline, e => e.Kind == "fault-cleared");
        var recovered = incident.Timeline.First(e => e.Kind == "alert-resolved" && e.Target == "QNetLinkDown");
        Assert.Equal("resolved", incident.Alerts.Single(a => a.Name == "QNetLinkDown").Status);
        // The story in order: the cut, the reroute, the alert, the repair, the alert's recovery.
        Assert.True(faultEntry.At <= mitigation.At, "the fault precedes the mitigation");
        Assert.True(mitigation.At < firing.At, "the reroute acts before the alert fires");
        Assert.True(firing.At < repaired.At, "the alert fires before the repair");
        Assert.True(repaired.At < recovered.At, "the alert resolves after the repair");
        Assert.Equal(incident.Timeline.OrderBy(e => e.At).ThenBy(e => e.Sequence).Select(e => e.Sequence), incident.Timeline.Select(e => e.Sequence));
        Assert.True(incident.OpenedAt <= firing.At, "the incident opens with its first alert");
        // Detection: QNetLinkDown needs the 5-minute rate at 0 for 2 minutes, so it fires 2 to 7.5 minutes after the cut (15 s sampling).
        var detect = firing.At - cutAt;
        Assert.InRange(detect, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(7.5));
    }
}
