using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Tests.Support;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>Detector clicks and the dark-count floor: the floor follows the detector model, and both reach /metrics.</summary>
[Collection("servers")]
public sealed class DetectorMetricsTests
{
    // 100 km at 0.2 dB/km: 10 dB per arm; detectors with 1e6 Hz dark counts in a 1 ns window (d ≈ 1e-3).
    private const string Network = """
        name: dark
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
        links:
          - { id: alice-bob, between: [alice, bob], length: 100km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.1,
              detector: { efficiency: 0.9, darkCountRate: 1000000Hz, detectionWindow: 1ns } }
        """;

    [Fact]
    public void FloorHz_SingleClick_IsTwoDarkClicksOverTheAttemptDuration()
    {
        var parsed = ScenarioLoader.Parse(Network, "dark.yaml");
        Assert.True(parsed.Scenario is not null, string.Join("; ", parsed.Errors));
        var link = parsed.Scenario.Links[0];
        // Single-click heralds on exactly one dark click when no light arrives: 2d(1 − d) per attempt of
        // one one-way delay (100 km / 2e8 m/s = 0.5 ms; the ideal source does not limit the rate).
        double d = new Detector(0.9, 1e6, 1e-9).DarkCountProbability;

        Assert.Equal(2 * d * (1 - d) / 5e-4, DetectorMetrics.FloorHz(link)!.Value, 9);
        Assert.Equal(0, DetectorMetrics.FloorHz(link with { Detector = new Detector(0.9) }));
        var probabilistic = link with { Heralding = HeraldingScheme.Probabilistic };
        Assert.Null(DetectorMetrics.FloorHz(probabilistic));
    }

    [Fact]
    public async Task Metrics_RunningSession_ExportsClicksByOriginAndTheFloor()
    {
        var scenario = ScenarioLoader.Parse(Network, "dark.yaml").Scenario!;
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 20, scenario);
        using var created = await server.Operator.PostAsync("api/v1/sessions",
            ControlPlaneServer.Json("""{"id":"dark-1","source":"alice","destination":"bob","application":"raw","minFidelity":0.5,"cutoffSeconds":0.01}"""));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        var text = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var t = await server.Anonymous.GetStringAsync("metrics");
            return PrometheusText.Values(t, "qnet_detector_clicks_total", ("link", "alice-bob")).Sum() >= 3000 ? t : null;
        }, "3000 detector clicks on alice-bob");

        var photon = PrometheusText.Values(text, "qnet_detector_clicks_total", ("link", "alice-bob"), ("origin", "photon")).Sum();
        var dark = PrometheusText.Values(text, "qnet_detector_clicks_total", ("link", "alice-bob"), ("origin", "dark")).Sum();
        var heralds = PrometheusText.Values(text, "qnet_link_pairs_generated_total", ("link", "alice-bob")).Sum();
        // The twin keeps running while /metrics is collected, so the two counters may be read a few heralds apart:
        // they agree to 1 % (plus 10), not exactly.
        Assert.InRange(photon + dark, (heralds * 0.99) - 10, (heralds * 1.01) + 10);
        // Each click is dark with probability q = 1 − TrueHeraldFraction of the model (about 0.1 here), independently:
        // binomial, standard error √(n q (1 − q)); 5 SE.
        var q = 1 - QNet.Network.Scenarios.LinkModelFactory.Create(scenario.Links[0]).Derive().TrueHeraldFraction;
        var n = photon + dark;
        var se = Math.Sqrt(n * q * (1 - q));
        Assert.InRange(dark, (n * q) - (5 * se), (n * q) + (5 * se));
        Assert.Equal(DetectorMetrics.FloorHz(scenario.Links[0])!.Value,
            Assert.Single(PrometheusText.Values(text, "qnet_detector_dark_count_floor_hertz", ("link", "alice-bob"))), 9);
    }

    [Fact]
    public void CloseWindow_DarkClicksAsTheModelExpects_ReadsOneAndBackgroundClicksRaiseIt()
    {
        var scenario = ScenarioLoader.Parse(Network, "dark.yaml").Scenario!;
        using var metrics = new TwinMetrics();
        metrics.Detectors.SetFloors(scenario);
        double share = QNet.Network.Scenarios.LinkModelFactory.Create(scenario.Links[0]).Derive().TrueHeraldFraction;
        const int Photon = 9000;
        int dark = (int)Math.Round(Photon * (1 - share) / share);
        void Clicks(int photon, int darkClicks)
        {
            for (int i = 0; i < photon; i++)
            {
                metrics.Detectors.Click("alice-bob", darkCount: false);
            }
            for (int i = 0; i < darkClicks; i++)
            {
                metrics.Detectors.Click("alice-bob", darkCount: true);
            }
        }

        Clicks(Photon, dark);
        var healthy = metrics.Detectors.CloseWindow();
        Clicks(Photon, dark + (2 * Photon));
        var flooded = metrics.Detectors.CloseWindow();
        var idle = metrics.Detectors.CloseWindow();

        // (photon + dark) · s / photon, with dark rounded to a whole click: 1 within 1/9000.
        Assert.Equal(1, healthy["alice-bob"], 3);
        // Background light adds 2 clicks per photon click the model explains: about 1 + 2s.
        Assert.Equal((Photon + dark + (2.0 * Photon)) * share / Photon, flooded["alice-bob"], 9);
        Assert.True(flooded["alice-bob"] > 2);
        Assert.Empty(idle);
    }
}
