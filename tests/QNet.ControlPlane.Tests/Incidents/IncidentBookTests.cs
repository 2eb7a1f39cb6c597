using QNet.ControlPlane.Events;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Sre.Evaluation;

namespace QNet.ControlPlane.Tests.Incidents;

/// <summary>Grouping, deduplication, lifecycle and timeline of the incident record, driven directly.</summary>
public sealed class IncidentBookTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private const string TraceA = "0af7651916cd43dd8448eb211c80319c";
    private const string TraceB = "4bf92f3577b34da6a3ce929d0e0e4736";

    internal static IncidentBook NewBook(Func<IReadOnlyList<SloStatus>>? budgets = null)
    {
        int n = 0;
        return new IncidentBook(new Dictionary<string, (string A, string B)> { ["alice-r1"] = ("alice", "r1"), ["r1-bob"] = ("r1", "bob") },
            QNet.Sre.Alerting.AlertRoutingModel.GroupLabels, budgets, () => $"inc-{++n}");
    }

    internal static IncidentAlert Alert(string name, string link, bool firing, DateTimeOffset at, string source = IncidentBook.InProcess, string severity = "page",
        string? suppression = null) =>
        new(name, new Dictionary<string, string> { ["alertname"] = name, ["severity"] = severity, ["link"] = link },
            new Dictionary<string, string> { ["summary"] = $"{name} on {link}", ["runbook_url"] = $"https://runbooks.example/{name}" }, firing, at, suppression, source);

    [Fact]
    public void Observe_AlertsOfOneLinkAndOfAnother_OneIncidentPerLinkAcrossSeverities()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.Observe(Alert("QNetLinkRateBurn", "alice-r1", true, T0.AddSeconds(30), severity: "ticket"));
        book.Observe(Alert("QNetLinkDown", "r1-bob", true, T0.AddSeconds(40)));

        var incidents = book.List(null);
        Assert.Equal(2, incidents.Count);
        var alice = incidents.Single(i => i.Key == "link=\"alice-r1\"");
        Assert.Equal(["QNetLinkDown", "QNetLinkRateBurn"], alice.Alerts.Select(a => a.Name));
        Assert.Equal("open", alice.State);
        Assert.Equal(T0, alice.OpenedAt);
        Assert.Equal("QNetLinkDown on alice-r1", alice.Title);
        Assert.Single(incidents, i => i.Key == "link=\"r1-bob\"");
    }

    [Fact]
    public void Observe_SameAlertFromEvaluatorAndWebhook_OneAlertTwoSourcesOneFiringEntry()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddSeconds(31), IncidentBook.Alertmanager));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(60), IncidentBook.Alertmanager)); // repeat_interval resend

        var incident = Assert.Single(book.List(null));
        var alert = Assert.Single(incident.Alerts);
        Assert.Equal(["alertmanager", "in-process"], alert.Sources);
        Assert.Single(book.Get(incident.Id)!.Timeline, e => e.Kind == "alert-firing");
    }

    [Fact]
    public void Observe_EvaluatorResolvesBeforeAlertmanager_ResolvedAutomaticallyOnlyWhenBothHave()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddSeconds(30), IncidentBook.Alertmanager));
        book.Observe(Alert("QNetLinkDown", "alice-r1", false, T0.AddMinutes(5)));
        Assert.Equal("open", Assert.Single(book.List(null)).State);

        book.Observe(Alert("QNetLinkDown", "alice-r1", false, T0.AddMinutes(6), IncidentBook.Alertmanager));
        var incident = Assert.Single(book.List(null));
        Assert.Equal(("resolved", "auto"), (incident.State, incident.ResolvedBy));
        Assert.Equal(T0.AddMinutes(6), incident.ResolvedAt);

        // The same alert firing again after the reopen window is a new incident.
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(6) + IncidentBook.ReopenWindow + TimeSpan.FromSeconds(1)));
        Assert.Equal(["open", "resolved"], book.List(null).Select(i => i.State));
    }

    [Fact]
    public void Observe_GroupFiresAgainWithinReopenWindow_SameIncidentReopenedAtItsStage()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.Acknowledge("inc-1", "op", T0.AddMinutes(1));
        book.Observe(Alert("QNetLinkDown", "alice-r1", false, T0.AddMinutes(5)));
        book.Observe(Alert("QNetLinkTransmittanceBurn", "alice-r1", true, T0.AddMinutes(7), severity: "ticket"));

        var incident = Assert.Single(book.List(null));
        Assert.Equal(("acknowledged", null, null), (incident.State, incident.ResolvedBy, incident.ResolvedAt));
        Assert.Equal(["opened", "alert-firing", "acknowledged", "alert-resolved", "resolved", "reopened", "alert-firing"],
            book.Get("inc-1")!.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public void Acknowledge_ThenAgain_SecondIsConflict()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        var first = book.Acknowledge("inc-1", "alice-oncall", T0.AddMinutes(1));
        var second = book.Acknowledge("inc-1", "bob", T0.AddMinutes(2));

        Assert.Null(first.Conflict);
        Assert.Equal(("acknowledged", "alice-oncall"), (first.Incident!.State, first.Incident.AcknowledgedBy));
        Assert.Contains("already acknowledged", second.Conflict);
        Assert.Equal(IncidentCommandResult.NotFound, book.Acknowledge("inc-9", "bob", T0));
    }

    [Fact]
    public void Resolve_ByOperatorThenAgainOrAcknowledge_ConflictsAndFiringAlertOpensNothingNew()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        var resolved = book.Resolve("inc-1", "carol", T0.AddMinutes(3));
        Assert.Equal(("resolved", "carol"), (resolved.Incident!.State, resolved.Incident.ResolvedBy));
        Assert.Contains("already resolved", book.Resolve("inc-1", "carol", T0.AddMinutes(4)).Conflict);
        Assert.Contains("is resolved", book.Acknowledge("inc-1", "carol", T0.AddMinutes(4)).Conflict);

        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(5), IncidentBook.Alertmanager)); // a resend of the same firing
        Assert.Equal(2, book.List(null).Count); // a firing alert after an operator's resolve opens a new incident
        Assert.Single(book.List(IncidentState.Resolved));
    }

    [Fact]
    public void Observe_SuppressedAlert_OpensNothingButIsNotedOnTheOpenIncident()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkRateBurn", "alice-r1", true, T0, suppression: "maintenance"));
        Assert.Empty(book.List(null));

        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(1)));
        book.Observe(Alert("QNetLinkFidelityBurn", "alice-r1", true, T0.AddMinutes(2), suppression: "inhibition"));
        var incident = book.Get("inc-1")!;
        var suppressed = Assert.Single(incident.Timeline, e => e.Kind == "alert-suppressed");
        Assert.Contains("inhibition", suppressed.Text);
        Assert.Single(incident.Alerts);
    }

    [Fact]
    public void Open_FaultAndMitigationBeforeAlert_InTimelineInTimeOrderAndMitigated()
    {
        var book = NewBook();
        book.RecordFault(new Fault("f-1", FaultKind.LinkCut, "alice-r1", 0, T0, null), T0);
        book.RecordFault(new Fault("f-2", FaultKind.LinkCut, "carol-hub", 0, T0, null), T0); // another link: not this incident's
        book.RecordEvent(new TwinEvent("mitigation", "s-1", TraceA, 20, Change: "acted", Action: "reroute", Signal: "link-rate-ratio", Value: 0, Target: "alice-r1",
            TraceIds: [TraceA, TraceB]), T0.AddSeconds(20));
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(7)));

        var incident = book.Get("inc-1")!;
        Assert.Equal(["fault", "mitigation", "mitigated", "opened", "alert-firing"], incident.Timeline.Select(e => e.Kind));
        Assert.Equal(("mitigated", "reroute"), (incident.State, incident.MitigatedBy));
        Assert.Equal(T0.AddSeconds(20), incident.MitigatedAt);
        Assert.Equal(["s-1"], incident.SessionIds);
        Assert.Contains("f-1", incident.Timeline[0].Text);
    }

    [Fact]
    public void RecordEvent_SessionChangesAndHeralds_LinkedByTraceIdAndSampledCapped()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        book.RecordEvent(new TwinEvent("mitigation", "s-1", TraceA, 10, Change: "acted", Action: "reroute", Target: "alice-r1", TraceIds: [TraceA]), T0.AddSeconds(10));
        book.RecordEvent(new TwinEvent("session", "s-1", TraceA, 11, Change: "rerouted", Outcome: "running"), T0.AddSeconds(11));
        book.RecordEvent(new TwinEvent("session", "s-2", TraceB, 12, Change: "failed", Outcome: "failed", Reason: "memory full"), T0.AddSeconds(12));
        for (int i = 0; i < IncidentBook.MaxSampledPerKind + 5; i++)
        {
            book.RecordEvent(new TwinEvent("swap", "s-1", TraceA, 13 + i, Node: "r1", Success: true), T0.AddSeconds(13 + i));
        }

        var incident = book.Get("inc-1")!;
        var session = Assert.Single(incident.Timeline, e => e.Kind == "session");
        Assert.Equal((TraceA, "s-1", "rerouted"), (session.TraceId, session.SessionId, session.Change));
        Assert.Equal(IncidentBook.MaxSampledPerKind, incident.Timeline.Count(e => e.Kind == "swap"));
        Assert.All(incident.Timeline.Where(e => e.Kind == "swap"), e => Assert.Equal(TraceA, e.TraceId));
    }

    [Fact]
    public void Timeline_EntriesArrivingOutOfOrder_OrderedByTimeThenArrival()
    {
        var book = NewBook();
        book.Observe(Alert("QNetLinkDown", "alice-r1", true, T0.AddMinutes(5)));
        book.RecordEvent(new TwinEvent("mitigation", "", "", 400, Change: "acted", Action: "shed-load", Target: "alice-r1"), T0.AddSeconds(400));
        book.RecordFault(new Fault("f-1", FaultKind.AttenuationStep, "r1", 3, T0.AddSeconds(350), null), T0.AddSeconds(350)); // an end node of the link
        book.Acknowledge("inc-1", "op", T0.AddSeconds(350));

        var times = book.Get("inc-1")!.Timeline.Select(e => (e.At, e.Kind)).ToArray();
        Assert.Equal(times.OrderBy(t => t.At).ToArray(), times);
        Assert.Equal(["opened", "alert-firing", "fault", "acknowledged", "mitigation", "mitigated"], times.Select(t => t.Kind));
    }

    [Fact]
    public void ObserveInProcess_RepeatedTicks_OnlyTransitionsRecordedAndPendingIgnored()
    {
        var book = NewBook();
        var labels = new Dictionary<string, string> { ["alertname"] = "QNetLinkDown", ["link"] = "alice-r1", ["severity"] = "page" };
        AlertView View(string status) => new("QNetLinkDown", labels, new Dictionary<string, string>(), status, T0, status == "pending" ? null : T0.AddMinutes(2),
            status == "resolved" ? T0.AddMinutes(9) : null, 1, false);
        var none = new HashSet<string>();

        book.ObserveInProcess([View("pending")], none);
        Assert.Empty(book.List(null));
        book.ObserveInProcess([View("firing")], none);
        book.ObserveInProcess([View("firing")], none);
        book.ObserveInProcess([View("resolved")], none);
        book.ObserveInProcess([View("resolved")], none);

        var incident = book.Get("inc-1")!;
        Assert.Equal(["opened", "alert-firing", "alert-resolved", "resolved"], incident.Timeline.Select(e => e.Kind));
        Assert.Equal(T0.AddMinutes(2), incident.OpenedAt);
        Assert.Equal(T0.AddMinutes(9), incident.ResolvedAt);
    }

    [Fact]
    public void Restore_StoredOpenIncident_StillFiringAlertAddsNothingAndChangesAreReported()
    {
        var first = NewBook();
        first.Observe(Alert("QNetLinkDown", "alice-r1", true, T0));
        var stored = first.TakeChanged();
        Assert.Single(stored);

        var second = NewBook();
        int changed = 0;
        second.Changed = () => changed++;
        second.Restore(stored);
        var labels = new Dictionary<string, string> { ["alertname"] = "QNetLinkDown", ["severity"] = "page", ["link"] = "alice-r1" };
        second.ObserveInProcess([new AlertView("QNetLinkDown", labels, new Dictionary<string, string>(), "firing", T0, T0, null, 1, false)], new HashSet<string>());
        Assert.Equal(stored[0].Timeline, second.Get("inc-1")!.Timeline);
        Assert.Equal(0, changed);

        second.Acknowledge("inc-1", "op", T0.AddMinutes(1));
        Assert.Equal(1, changed);
        Assert.Equal("acknowledged", Assert.Single(second.TakeChanged()).State);
        Assert.Empty(second.TakeChanged());
    }
}
