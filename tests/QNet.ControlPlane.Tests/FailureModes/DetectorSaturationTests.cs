using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F5, detector saturation (docs/failure-modes.md): background light on a metro link's detectors, end to end.</summary>
public sealed class DetectorSaturationTests(ITestOutputHelper output)
{
    private const string Link = "carol-hub";
    private const string ClickRatio = "qnet_detector_click_ratio";
    private const double DarkCountRateHz = 10; // scenarios/metro.yaml
    private const double BackgroundHz = 1e6;

    [Fact]
    public void Inject_DetectorBackground_DarkProbabilityFollowsFormulaAndClearRestores()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(2));
        double healthy = h.Latest(ClickRatio, "link", Link) ?? double.NaN;
        // Dark counts within the specification read 1 (10 Hz over 1 ns windows: a false herald in about 1e6 heralds).
        Assert.Equal(1, healthy, 0.01);

        var id = h.Inject(FaultKind.DetectorBackground, Link, BackgroundHz);
        h.Run(TimeSpan.FromMinutes(1));
        var detector = h.Twin.Topology.Links[Link].Detector!;
        // d = 1 − e^(−(r_dark + r_bg)·τ) per detection window τ.
        double expected = -double.ExpM1(-(DarkCountRateHz + BackgroundHz) * detector.DetectionWindowSeconds);
        Assert.Equal(expected, detector.DarkCountProbability, 1e-12);
        output.WriteLine($"dark probability per window {detector.DarkCountProbability:E4}; sessions: {string.Join(", ", h.Twin.Sessions.Values.Select(s => s.Outcome))}");
        // Not asserted: the click ratio rising and DetectorClickAnomaly. The background lowers the link's fidelity
        // estimate below the sessions' 0.9 target, so the sessions through the link fail at once and the link heralds
        // nothing: the ratio needs photon clicks and is no longer reported. Even a running link would read
        // 1 / (true-herald share 0.873) ≈ 1.15 at 1 MHz, under the alert's 2, so the documented drill cannot fire it.
        // Not asserted either: PauseQkd, which acts on QBER of QKD links; carol-hub is an entanglement link.

        h.Clear(id);
        h.Run(TimeSpan.FromMinutes(3));
        Assert.Equal(1, h.Latest(ClickRatio, "link", Link) ?? double.NaN, 0.01);
        Assert.Null(h.AlertStatus("DetectorClickAnomaly", "link", Link));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }
}
