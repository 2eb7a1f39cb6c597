using QNet.Sre.Alerting;
using QNet.Sre.Evaluation;
using QNet.Sre.Generation;
using QNet.Sre.Tests.Support;
using QNet.Testing;

namespace QNet.Sre.Tests.Alerting;

public sealed class WebhookNotifierTests
{
    [Fact]
    public async Task SendAsync_LoopbackReceiver_GetsAlertmanagerV4Payload()
    {
        using var receiver = new WebhookReceiver();
        using var http = new HttpClient();
        var labels = new Dictionary<string, string> { ["alertname"] = "SessionFailures", ["severity"] = "page", ["link"] = "a" };
        var alert = new WebhookAlert("firing", labels, new Dictionary<string, string> { ["summary"] = "s", ["runbook_url"] = "u" },
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), DateTimeOffset.MinValue, "http://qnet/alerts", Fingerprint.Of(labels));
        var message = new WebhookMessage("4", "{}/{severity=\"page\"}:{link=\"a\"}", 0, "firing", "qnet-page",
            new Dictionary<string, string> { ["link"] = "a" }, labels, alert.Annotations, "http://qnet", [alert]);

        var result = await new WebhookNotifier(http).SendAsync(new Notification(receiver.Url, message), CancellationToken.None);

        Assert.True(result.Delivered);
        var body = Assert.Single(receiver.Received).RootElement;
        Assert.Equal("4", body.GetProperty("version").GetString());
        foreach (var field in new[] { "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts" })
        {
            Assert.True(body.TryGetProperty(field, out _), field);
        }

        var a = body.GetProperty("alerts")[0];
        Assert.Equal("2026-11-23T10:00:00+00:00", a.GetProperty("startsAt").GetString());
        Assert.Equal(Fingerprint.Of(labels), a.GetProperty("fingerprint").GetString());
        Assert.Equal("http://qnet/alerts", a.GetProperty("generatorURL").GetString());
        Assert.Equal("u", a.GetProperty("annotations").GetProperty("runbook_url").GetString());
    }

    [Fact]
    public async Task SendAsync_ReceiverDown_ReturnsFailureNotException()
    {
        using var down = new RefusingPort();

        using var http = new HttpClient();
        var message = new WebhookMessage("4", "k", 0, "firing", "r", new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), "x", []);

        var result = await new WebhookNotifier(http).SendAsync(new Notification($"http://127.0.0.1:{down.Port}/hook/", message), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task EndToEnd_FastBurnThenRecovery_PagesOnceThenResolves()
    {
        using var receiver = new WebhookReceiver();
        using var http = new HttpClient();
        var specs = GeneratedOutput.DefaultSpecs with { Slos = [GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == "session-success")] };
        var scenario = ScenarioFactory.For(specs.Slos[0])[0];
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var evaluator = new SloEvaluator(specs, scenario.ToHistory(), clock);
        var options = new AlertingOptions(receiver.Url, receiver.Url);
        var loop = new SloAlertingLoop(evaluator, new AlertRouter(AlertRoutingModel.Build(specs, options), clock), new WebhookNotifier(http));

        for (var m = 0; m <= ScenarioFactory.End; m += 2)
        {
            clock.Now = DateTimeOffset.UnixEpoch.AddMinutes(m);
            var tick = await loop.TickAsync(CancellationToken.None);
            Assert.Equal(m == 0 ? 1 : 2, tick.Evaluations); // ticking every 2 minutes catches up both instants
            Assert.All(tick.Sent, s => Assert.True(s.Result.Delivered));
        }

        var statuses = receiver.Received.Select(d => (d.RootElement.GetProperty("status").GetString(), d.RootElement.GetProperty("receiver").GetString())).ToList();
        // First a page (the 1h/5m and 6h/30m alerts grouped in one notification), later the ticket, and finally resolutions.
        Assert.Equal(("firing", "qnet-page"), statuses[0]);
        Assert.Contains(("resolved", "qnet-page"), statuses);
        var firstPage = receiver.Received[0].RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.All(firstPage, a => Assert.Equal("page", a.GetProperty("labels").GetProperty("severity").GetString()));
        Assert.All(firstPage, a => Assert.EndsWith("SessionFailures.md", a.GetProperty("annotations").GetProperty("runbook_url").GetString(), StringComparison.Ordinal));
        // The budget status reflects the 40 minutes of failures: 2400 of 10800 events.
        var status = Assert.Single(evaluator.Status());
        Assert.Equal(2400, status.Bad);
        Assert.Equal(10800, status.Good + status.Bad);
        // 80 minutes after the burn every window up to 1h is clean again; the 1d window still holds 2400 / 10800.
        Assert.Equal(0, status.BurnRates["5m"]);
        Assert.Equal(0, status.BurnRates["1h"]);
        Assert.Equal(2400.0 / 10800 / 0.01, status.BurnRates["1d"], 6);
    }
}
