using QNet.Sre.Rules;

namespace QNet.Sre.Generation;

/// <summary>
/// Input series for the promtool unit tests of <c>QNetLinkDown</c>: one link cut from <see cref="CutStart"/> to
/// <see cref="CutEnd"/> next to an idle link that reports up and carries no pairs (it must stay silent), the same cut
/// under a maintenance window on the link, and a cut shorter than the alert's 2 minutes. Expectations come from the
/// in-process evaluator.
/// </summary>
internal static class LinkDownScenarios
{
    /// <summary>Minutes: the link is up before <see cref="CutStart"/> and after <see cref="CutEnd"/>; the run ends at <see cref="End"/>.</summary>
    public const int CutStart = 30, CutEnd = 60, End = 90;

    /// <summary>The scenarios with their checkpoints (every minute, so firing 2 minutes after the cut and resolving at the repair are both pinned).</summary>
    public static IReadOnlyList<(TestScenario Scenario, IReadOnlyList<TimeSpan> Times)> All()
    {
        var minute = TimeSpan.FromMinutes(1);
        IReadOnlyList<TimeSpan> times = Enumerable.Range(0, End + 1).Select(m => TimeSpan.FromMinutes(m)).ToList();
        var cut = new ScenarioSeries(MetricCatalogue.LinkUp, Labels("link", "test-link"), Minutes(m => m is >= CutStart and < CutEnd ? 0 : 1));
        var idle = new ScenarioSeries(MetricCatalogue.LinkUp, Labels("link", "test-idle-link"), Minutes(_ => 1));
        var maintenance = new ScenarioSeries(RuleNames.MaintenanceActive, new Dictionary<string, string> { ["window"] = "test-maintenance", ["link"] = "test-link" },
            Minutes(m => m is >= CutStart - 5 and < CutEnd + 5 ? 1 : 0));
        var blip = new ScenarioSeries(MetricCatalogue.LinkUp, Labels("link", "test-link"), Minutes(m => m == CutStart ? 0 : 1));
        return
        [
            (new TestScenario("link-down: cut and repair, next to an idle healthy link", minute, [cut, idle]), times),
            (new TestScenario("link-down: cut during maintenance", minute, [cut, idle, maintenance]), times),
            (new TestScenario("link-down: a one-minute blip does not page", minute, [blip, idle]), times),
        ];
    }

    private static Dictionary<string, string> Labels(string key, string value) => new() { [key] = value };

    private static List<double?> Minutes(Func<int, double> value) => Enumerable.Range(0, End + 1).Select(m => (double?)value(m)).ToList();
}
