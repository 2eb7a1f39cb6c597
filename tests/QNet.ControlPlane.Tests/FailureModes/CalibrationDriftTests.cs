using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F8, calibration drift (docs/failure-modes.md): a fast-ageing detector on a metro link, end to end.</summary>
public sealed class CalibrationDriftTests(ITestOutputHelper output)
{
    private const string Link = "dave-hub";
    private const string Drift = "qnet_calibration_drift_ratio";

    // Misalignment growing by 0.2 per hour: a week of the twin's ageing in an hour (a failing alignment mount), so the
    // drift crosses the policy's 4 % after 12 minutes and the SLO's 5 % after 15.
    private const double PerHour = 0.2;

    [Fact]
    public void Inject_CalibrationDriftWithoutMitigation_DriftGrowsLinearlyPredictedTicketOpensThenDriftAlert()
    {
        var h = new FailureModeHarness(policy: FailureModeHarness.Off);
        h.Run(TimeSpan.FromMinutes(2));
        double before = h.Twin.DriftOf(Link);

        var id = h.Inject(FaultKind.CalibrationDrift, Link, PerHour);
        double injectedAt = h.Seconds;
        bool predictedBeforeTolerance = false;
        h.RunUntil(injectedAt + (14 * 60), () => predictedBeforeTolerance |= h.Firing("CalibrationDriftPredicted"));
        // M10 is the misalignment gained since the last calibration: the twin's own ageing since then plus the fault's rate
        // times the time since it began (the drift is retuned every simulated minute; tolerance one minute of the fault).
        double expected = before + (PerHour * (h.Seconds - injectedAt) / 3600);
        double measured = h.Latest(Drift, "device", Link) ?? double.NaN;
        output.WriteLine($"drift {before:F5} -> {measured:F5} (expected {expected:F5})");
        Assert.Equal(expected, measured, PerHour / 60);
        // CalibrationDriftPredicted (ticket): the last hour's trend crosses 5 % within 4 h while the drift is still within
        // it, for 10 minutes: it opens before the drift reaches the tolerance at 15 minutes.
        Assert.True(predictedBeforeTolerance, "CalibrationDriftPredicted fires before the drift passes its tolerance");

        // Past the tolerance the calibration-drift SLO burns: with every slice bad its fast burn fires after 2 minutes.
        h.Run(TimeSpan.FromMinutes(5));
        Assert.True(h.Twin.DriftOf(Link) > 0.05);
        Assert.True(h.Firing("CalibrationDrift"), "CalibrationDrift fires past the tolerance");
        Assert.Empty(h.Actions("run-calibration", Link));

        h.Clear(id);
        // An operator replaces the detector: clearing the fault calibrates nothing, so the drift stays until calibrated.
        Assert.NotNull(h.Twin.Calibrate(Link));
        h.Run(TimeSpan.FromMinutes(10));
        Assert.True(h.Twin.DriftOf(Link) < 0.001);
        Assert.False(h.Firing("CalibrationDrift"));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }

    [Fact]
    public void Inject_CalibrationDrift_RunCalibrationResetsTheDriftBeforeTheToleranceAndNothingPages()
    {
        var h = new FailureModeHarness();
        h.Run(TimeSpan.FromMinutes(2));

        var id = h.Inject(FaultKind.CalibrationDrift, Link, PerHour);
        double worst = 0;
        h.RunUntil(h.Seconds + (20 * 60), () => worst = Math.Max(worst, h.Latest(Drift, "device", Link) ?? 0));
        foreach (var r in h.Mitigation.Recent)
        {
            output.WriteLine($"{r.SimulatedSeconds:F0}s {r.Action} {r.Reason} {r.Target} {r.Value} lifted={r.Lifted}: {r.Detail}");
        }
        output.WriteLine($"worst sampled drift {worst:F5}, now {h.Twin.DriftOf(Link):F5}");
        // run-calibration acts once the drift passes 4 %, about 12 minutes in (one 5 s evaluation and one 15 s sample
        // later at most), so the drift never reaches the 5 % tolerance; then it grows again from zero (the sawtooth in
        // M10), 0.027 after 8 more minutes. The rule's hour of cooldown would let a drift this fast reach 5 % again 15
        // minutes after the calibration: the fault is cleared before.
        Assert.NotEmpty(h.Actions("run-calibration", Link));
        Assert.InRange(worst, 0.035, 0.05);
        Assert.False(h.Firing("CalibrationDrift"));

        h.Clear(id);
        h.Run(TimeSpan.FromMinutes(2));
        Assert.True(h.Twin.DriftOf(Link) < 0.05);
        Assert.False(h.Firing("CalibrationDrift"));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }
}
