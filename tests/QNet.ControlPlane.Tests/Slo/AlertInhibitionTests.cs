using QNet.ControlPlane.Hosting;
using QNet.Network.Scenarios;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.Slo;

/// <summary>
/// The alerts the API (and the console's on-call view) shows carry <c>inhibited</c>, apart from <c>suppressed</c>
/// (maintenance): on the seeded offline metro twin a link cut fires QNetLinkDown, which inhibits the link-layer alerts
/// of the same link, as Alertmanager's inhibit rules do, whether or not webhook notifications are configured.
/// </summary>
public sealed class AlertInhibitionTests(ITestOutputHelper output)
{
    private const string Link = "carol-hub";

    [Fact]
    public void Alerts_LinkCutFiresLinkDown_LinkLayerAlertsOfThatLinkInhibitedNotSuppressed()
    {
        var h = new FailureModeHarness(DefaultScenario.Load());
        h.Run(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(h.Monitor.Alerts, a => a.Inhibited);

        h.Inject(FaultKind.LinkCut, Link, 0);
        h.Run(TimeSpan.FromMinutes(8));
        foreach (var a in h.Monitor.Alerts)
        {
            output.WriteLine($"{a.Name} {a.Status} inhibited={a.Inhibited} suppressed={a.Suppressed} {string.Join(",", a.Labels.Select(kv => kv.Key + "=" + kv.Value))}");
        }

        var down = Assert.Single(h.Monitor.Alerts, a => a.Name == "QNetLinkDown" && a.Labels.GetValueOrDefault("link") == Link);
        Assert.Equal("firing", down.Status);
        Assert.False(down.Inhibited, "the source of the inhibition is not itself inhibited");
        var linkLayer = h.Monitor.Alerts.Where(a => a.Name != "QNetLinkDown" && a.Status == "firing"
            && a.Labels.GetValueOrDefault("link") == Link && a.Labels.GetValueOrDefault(QNet.Sre.MetricCatalogue.LayerLabel) == "link").ToList();
        Assert.NotEmpty(linkLayer);
        Assert.All(linkLayer, a => Assert.True(a.Inhibited && !a.Suppressed, $"{a.Name} inhibited, not suppressed"));
        // Nothing else on the network is inhibited: other links' alerts (if any) fire as they are.
        Assert.All(h.Monitor.Alerts.Where(a => a.Inhibited), a => Assert.Equal("firing", a.Status));
    }
}
