using QNet.Sre.Rules;

namespace QNet.Sre.Generation;

/// <summary>
/// Input series for the promtool unit tests of the failure-mode alerts (<see cref="FailureModeRules"/>): each alert's
/// signal healthy, then faulted, and (where the alert must clear) healthy again; the calibration ticket also under a
/// routine calibration every 8 h, where it must stay silent. Expectations come from the in-process evaluator.
/// </summary>
internal static class FailureModeScenarios
{
    /// <summary>Minutes: every signal is healthy before <see cref="FaultStart"/>; the F7 fault ends at <see cref="FaultEnd"/>.</summary>
    public const int FaultStart = 30, FaultEnd = 60, End = 120;

    /// <summary>Drift gained per hour in the drift ramp (F8 calibration-drift); crosses the 5 % tolerance after about 4.5 h.</summary>
    public const double RampPerHour = 0.011;

    /// <summary>Drift gained per hour under routine calibration (the twin's default 0.4 %/h), reset every 8 hours.</summary>
    public const double RoutinePerHour = 0.004;

    /// <summary>The scenarios with their checkpoints (every 5 minutes; every 30 minutes in the long calibration runs).</summary>
    public static IReadOnlyList<(TestScenario Scenario, IReadOnlyList<TimeSpan> Times)> All()
    {
        var minute = TimeSpan.FromMinutes(1);
        var node = Labels("node", "test-node");
        var link = Labels("link", "test-link");
        var device = new Dictionary<string, string> { ["node"] = "test-node", ["device"] = "test-link" };
        IReadOnlyList<TimeSpan> Every(int step, int end) => Enumerable.Range(0, (end / step) + 1).Select(i => TimeSpan.FromMinutes(step * i)).ToList();

        var decoherence = new TestScenario("F3 coherence time falls to 30 % of nominal", minute,
        [
            new ScenarioSeries(MetricCatalogue.MemoryCoherenceTimeSeconds, node, Minutes(End, m => m < FaultStart ? (m % 2 == 0 ? 0.98 : 1.03) : 0.3)),
            new ScenarioSeries(MetricCatalogue.MemoryCoherenceNominalSeconds, node, Minutes(End, _ => 1)),
        ]);
        var detector = new TestScenario("F5 background light: ten times the expected clicks", minute,
        [
            new ScenarioSeries(MetricCatalogue.DetectorClickRatio, link, Minutes(End, m => m < FaultStart ? 1 : 10)),
        ]);
        var verification = new TestScenario("F7 verification failures, then the rollback", minute,
        [
            new ScenarioSeries(MetricCatalogue.Total(MetricCatalogue.QkdKeyVerificationFailures), link,
                Minutes(End, m => 2 * Math.Clamp(m - FaultStart, 0, FaultEnd - FaultStart))),
        ]);
        const int rampEnd = 300, routineEnd = 600;
        var ramp = new TestScenario("F8 drift ramp: the ticket opens hours before the tolerance", minute,
        [
            new ScenarioSeries(MetricCatalogue.CalibrationDriftRatio, device, Minutes(rampEnd, m => RampPerHour * m / 60)),
        ]);
        var routine = new TestScenario("F8 routine calibration every 8 h keeps the ticket silent", TimeSpan.FromMinutes(5),
        [
            new ScenarioSeries(MetricCatalogue.CalibrationDriftRatio, device,
                Enumerable.Range(0, (routineEnd / 5) + 1).Select(i => (double?)(RoutinePerHour * (i * 5 % 480) / 60)).ToList()),
        ]);
        return
        [
            (decoherence, Every(5, End)),
            (detector, Every(5, End)),
            (verification, Every(5, End)),
            (ramp, Every(30, rampEnd)),
            (routine, Every(30, routineEnd)),
        ];
    }

    /// <summary>The alerts each scenario checks: every failure-mode alert at every checkpoint (those that must stay silent included).</summary>
    public static IReadOnlyList<string> AlertNames =>
    [
        FailureModeRules.MemoryDecoherenceAlert, FailureModeRules.DetectorClickAnomalyAlert,
        FailureModeRules.KeyVerificationFailingAlert, FailureModeRules.CalibrationDriftPredictedAlert,
    ];

    private static Dictionary<string, string> Labels(string key, string value) => new() { [key] = value };

    private static List<double?> Minutes(int end, Func<int, double> value) => Enumerable.Range(0, end + 1).Select(m => (double?)value(m)).ToList();
}
