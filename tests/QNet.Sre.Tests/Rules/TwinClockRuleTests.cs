using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Rules;

/// <summary><c>QNetTwinClockEnding</c> in the in-process evaluator: a ticket once less than three simulated days are left.</summary>
public sealed class TwinClockRuleTests
{
    private static readonly RuleGroup Group = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default).Single(g => g.Name == "qnet-twin-clock");

    [Fact]
    public void TwinClockEnding_ClockCrossesThreeDaysLeftThenEndsThenRestarts_TicketFromAMinuteAfterTheCrossingUntilTheRestart()
    {
        // Sampled every minute: at minute m, 3 days + 10 min − m minutes are left, down to 0 (the end) and held there; at
        // minute 30 a restart starts the clock again with about 105 days left.
        const int End = 40;
        double Remaining(int m) => m >= 30 ? 9_136_800 - (60.0 * (m - 30)) : Math.Max(0, MetricCatalogue.TwinClockWarningSeconds + 600 - (60.0 * m));
        var scenario = new TestScenario("clock", TimeSpan.FromMinutes(1),
        [
            new ScenarioSeries(MetricCatalogue.TwinClockRemainingSeconds, new Dictionary<string, string>(),
                Enumerable.Range(0, End + 1).Select(m => (double?)Remaining(m)).ToList()),
        ]);

        var checkpoints = AlertPredictor.Predict([Group], scenario, Enumerable.Range(0, End + 1).Select(m => TimeSpan.FromMinutes(m)).ToList(),
            [RuleNames.TwinClockEndingAlert]);

        // Below three days from minute 11 (pending), firing from minute 12 (for: 1m), through the end, until the restart at 30.
        var firing = checkpoints.Select((c, m) => (Minute: m, c.Firing)).Where(x => x.Firing.Count > 0).Select(x => x.Minute).ToList();
        Assert.Equal(Enumerable.Range(12, 30 - 12), firing);
        var labels = checkpoints[20].Firing.Single().Labels;
        Assert.Equal("ticket", labels["severity"]);
        Assert.Equal("control", labels[RuleNames.LayerLabel]);
    }
}
