using QNet.Sre.Alerting;
using QNet.Sre.Evaluation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Alerting;

public sealed class AlertRouterTests
{
    // Monday 2026-11-23 10:00 UTC: outside the shipped Sunday 02:00-04:00 maintenance window.
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static AlertRoutingModel Model(params MaintenanceWindow[] extra) =>
        AlertRoutingModel.Build(GeneratedOutput.DefaultSpecs with { MaintenanceWindows = [.. GeneratedOutput.DefaultSpecs.MaintenanceWindows, .. extra] }, AlertingOptions.Default);

    private static AlertState Alert(string name, string severity, string layer, params (string Key, string Value)[] labels)
    {
        var l = new Dictionary<string, string> { ["alertname"] = name, ["severity"] = severity, [RuleNames.LayerLabel] = layer };
        foreach (var (k, v) in labels)
        {
            l[k] = v;
        }

        return new AlertState(name, l, new Dictionary<string, string> { ["summary"] = name + " summary", ["runbook_url"] = "docs/runbooks/" + name + ".md" }, AlertStatus.Firing, T0, T0, null, 1);
    }

    private static AlertState Resolved(AlertState a, DateTimeOffset at) => a with { Status = AlertStatus.Inactive, ResolvedAt = at };

    [Fact]
    public void Process_PagesOnTwoLinks_OneNotificationPerLinkAfterGroupWait()
    {
        var clock = new ManualTimeProvider(T0);
        var router = new AlertRouter(Model(), clock);
        AlertState[] alerts =
        [
            Alert("LinkGenerationRateLow", "page", "link", ("slo", "link-generation-rate"), ("link", "a")),
            Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "a")),
            Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "b")),
        ];

        Assert.Empty(router.Process(alerts));
        clock.Now = T0.AddSeconds(30);
        var sent = router.Process(alerts);

        Assert.Equal(2, sent.Count);
        Assert.All(sent, n => Assert.Equal(AlertingOptions.Default.PageWebhookUrl, n.Url));
        var a = sent.Single(n => n.Message.GroupLabels["link"] == "a").Message;
        Assert.Equal(2, a.Alerts.Count);
        Assert.Equal("{}/{severity=\"page\"}:{link=\"a\"}", a.GroupKey);
        Assert.Equal(new Dictionary<string, string> { ["link"] = "a", ["severity"] = "page", [RuleNames.LayerLabel] = "link" }, a.CommonLabels);
        Assert.Equal("firing", a.Status);
    }

    [Fact]
    public void Process_SameAlertsAgain_DeduplicatedUntilRepeatInterval()
    {
        var clock = new ManualTimeProvider(T0);
        var router = new AlertRouter(Model(), clock);
        var alert = Alert("SessionFailures", "page", "session", ("slo", "session-success"), ("session_class", "qkd"));
        Assert.Empty(router.Process([alert]));
        clock.Now = T0.AddSeconds(30);
        var first = Assert.Single(router.Process([alert, alert]));
        Assert.Single(first.Message.Alerts);
        Assert.Empty(router.Process([alert]));

        clock.Now = T0.AddMinutes(30);
        Assert.Empty(router.Process([alert]));
        clock.Now = T0.AddSeconds(30).AddMinutes(59);
        Assert.Empty(router.Process([alert]));
        clock.Now = T0.AddSeconds(30).AddMinutes(60);
        Assert.Single(router.Process([alert]));
    }

    [Fact]
    public void Process_PageAndTicketOfTheSameSlo_PageInhibitsTicket()
    {
        var clock = new ManualTimeProvider(T0);
        var router = new AlertRouter(Model(), clock);
        var page = Alert("SessionFidelityLow", "page", "session", ("slo", "session-pair-fidelity"), ("session_class", "qkd"), ("long_window", "1h"));
        var ticket = Alert("SessionFidelityLow", "ticket", "session", ("slo", "session-pair-fidelity"), ("session_class", "qkd"), ("long_window", "1d"));
        var otherClass = ticket with { Labels = new Dictionary<string, string>(ticket.Labels) { ["session_class"] = "teleport" } };

        router.Process([page, ticket, otherClass]);
        clock.Now = T0.AddMinutes(10);
        var sent = router.Process([page, ticket, otherClass]);

        Assert.True(router.Current.Single(r => r.Alert == ticket).Inhibited);
        Assert.False(router.Current.Single(r => r.Alert == otherClass).Inhibited);
        Assert.Equal(2, sent.Count);
        Assert.Equal("page", Assert.Single(sent, n => n.Url == AlertingOptions.Default.PageWebhookUrl).Message.Alerts.Single().Labels["severity"]);
        Assert.Equal("teleport", Assert.Single(sent, n => n.Url == AlertingOptions.Default.TicketWebhookUrl).Message.Alerts.Single().Labels["session_class"]);
    }

    [Fact]
    public void Process_FailureModePageAndAnotherAlertsTicketOnTheSameNode_TicketNotInhibited()
    {
        var router = new AlertRouter(Model(), new ManualTimeProvider(T0));
        var decoherence = Alert("MemoryDecoherence", "page", "device", ("node", "r1"), ("failure_mode", "F3"));
        var calibration = Alert("CalibrationDriftPredicted", "ticket", "device", ("node", "r1"), ("device", "r1-b"), ("failure_mode", "F8"));

        router.Process([decoherence, calibration]);

        // A page silences only the ticket of its own alert and group: the calibration reminder is another problem.
        Assert.False(router.Current.Single(r => r.Alert == calibration).Inhibited);
    }

    [Fact]
    public void Process_LinkDown_InhibitsTheSessionAndSameLinkAlertsItCauses()
    {
        var router = new AlertRouter(Model(), new ManualTimeProvider(T0));
        var down = Alert(RuleNames.LinkDownAlert, "page", "link-down", ("link", "a"));
        var session = Alert("SessionFailures", "page", "session", ("slo", "session-success"), ("session_class", "qkd"));
        var sameLink = Alert("LinkGenerationRateLow", "page", "link", ("slo", "link-generation-rate"), ("link", "a"));
        var otherLink = Alert("LinkGenerationRateLow", "page", "link", ("slo", "link-generation-rate"), ("link", "b"));

        router.Process([down, session, sameLink, otherLink]);

        Assert.Equal([false, true, true, false], router.Current.Select(r => r.Inhibited));
    }

    [Fact]
    public void Process_MaintenanceWindowOfALink_MutesOnlyThatLink()
    {
        var now = new DateTimeOffset(2026, 11, 29, 2, 30, 0, TimeSpan.Zero); // Sunday 02:30, in weekly-fiber-maintenance (link r1-hub)
        var clock = new ManualTimeProvider(now);
        var router = new AlertRouter(Model(), clock);
        var muted = Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "r1-hub"));
        var loud = Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "r2-hub"));

        router.Process([muted, loud]);
        clock.Now = now.AddMinutes(1);
        var sent = router.Process([muted, loud]);

        Assert.True(router.Current[0].Muted);
        Assert.False(router.Current[1].Muted);
        Assert.Equal("r2-hub", Assert.Single(sent).Message.GroupLabels["link"]);

        clock.Now = new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero); // window over: the muted alert is notified after group_wait
        Assert.DoesNotContain(router.Process([muted, loud]), n => n.Message.GroupLabels["link"] == "r1-hub");
        clock.Now = clock.Now.AddSeconds(30);
        Assert.Equal("r1-hub", Assert.Single(router.Process([muted, loud]), n => n.Message.GroupLabels["link"] == "r1-hub").Message.GroupLabels["link"]);
    }

    [Fact]
    public void Process_ExtraWindowAddedAndRemovedLive_MutesThenNotifies()
    {
        var clock = new ManualTimeProvider(T0);
        IReadOnlyList<MaintenanceWindow> windows = [];
        var router = new AlertRouter(Model(), clock, extraMaintenance: () => windows);
        var covered = Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "a"));
        var other = Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "b"));

        windows = [MaintenanceWindow.OneOff("m-1", new Dictionary<string, string> { ["link"] = "a" }, T0.AddMinutes(-1), T0.AddHours(1))];
        router.Process([covered, other]);
        clock.Now = T0.AddMinutes(1);
        Assert.Equal("b", Assert.Single(router.Process([covered, other])).Message.GroupLabels["link"]);
        Assert.True(router.Current[0].Muted);

        windows = []; // deleted through the API: the next pass sees it gone
        clock.Now = T0.AddMinutes(2);
        Assert.Empty(router.Process([covered, other]));
        Assert.False(router.Current[0].Muted);
        clock.Now = T0.AddMinutes(2).AddSeconds(30);
        Assert.Equal("a", Assert.Single(router.Process([covered, other])).Message.GroupLabels["link"]);
    }

    [Fact]
    public void Process_ExtraWindowEnded_NotifiesAfterGroupWait()
    {
        var clock = new ManualTimeProvider(T0);
        IReadOnlyList<MaintenanceWindow> windows = [MaintenanceWindow.OneOff("m-1", new Dictionary<string, string>(), T0.AddMinutes(-5), T0.AddMinutes(5))];
        var router = new AlertRouter(Model(), clock, extraMaintenance: () => windows);
        var alert = Alert("LinkLossHigh", "page", "link", ("slo", "link-transmittance"), ("link", "a"));

        for (var m = 0; m < 5; m++)
        {
            clock.Now = T0.AddMinutes(m);
            Assert.Empty(router.Process([alert])); // a window without matchers mutes every alert
        }

        clock.Now = T0.AddMinutes(5); // the end is exclusive
        Assert.Empty(router.Process([alert]));
        clock.Now = T0.AddMinutes(5).AddSeconds(30);
        Assert.Single(router.Process([alert]));
    }

    [Fact]
    public void Process_AlertResolves_SendsResolvedAfterGroupInterval()
    {
        var clock = new ManualTimeProvider(T0);
        var router = new AlertRouter(Model(), clock);
        var alert = Alert("ControlApiSlow", "page", "control", ("slo", "control-api-latency"));
        router.Process([alert]);
        clock.Now = T0.AddSeconds(30);
        Assert.Single(router.Process([alert]));

        clock.Now = T0.AddMinutes(3);
        var resolved = Resolved(alert, clock.Now);
        Assert.Empty(router.Process([resolved]));
        clock.Now = T0.AddMinutes(6);
        var sent = Assert.Single(router.Process([resolved]));

        Assert.Equal("resolved", sent.Message.Status);
        Assert.Equal(T0.AddMinutes(3), sent.Message.Alerts.Single().EndsAt);
        Assert.Empty(router.Process([resolved]));
    }

    [Fact]
    public void Fingerprint_KnownLabelSet_MatchesPrometheusSignature()
    {
        // Value from prometheus/common model's TestMetricToFingerprint (labelSetToFingerprint, used by Alertmanager).
        var labels = new Dictionary<string, string> { ["name"] = "garland, briggs", ["fear"] = "love is not enough" };

        Assert.Equal(5799056148416392346UL.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), Fingerprint.Of(labels));
        Assert.Equal("cbf29ce484222325", Fingerprint.Of(new Dictionary<string, string>()));
    }
}
