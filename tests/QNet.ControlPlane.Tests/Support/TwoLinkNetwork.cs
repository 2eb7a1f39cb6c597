using QNet.Network.Scenarios;
using QNet.Sre.Alerting;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// The alert tests' network: two identical 10 km single-click links (alice-bob, bob-carol) and no sessions, so the
/// twin runs at a time factor of 2000 and an hour of SLO windows passes in about two wall-clock seconds.
/// </summary>
internal static class TwoLinkNetwork
{
    public const double TimeFactor = 2000;

    private const string Yaml = """
        name: two-links
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
          - { id: carol, kind: end }
        links:
          - { id: alice-bob, between: [alice, bob], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01 }
          - { id: bob-carol, between: [bob, carol], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01 }
        """;

    public static Scenario Scenario => ScenarioLoader.Parse(Yaml, "two-links.yaml").Scenario!;

    /// <summary>A control plane on this network; with a receiver, its page and ticket webhooks post there.</summary>
    public static Task<ControlPlaneServer> StartAsync(WebhookReceiver? receiver = null) =>
        ControlPlaneServer.StartAsync(TimeFactor, Scenario,
            receiver is null ? null : new AlertingOptions(receiver.BaseUrl + "page", receiver.BaseUrl + "ticket"));
}
