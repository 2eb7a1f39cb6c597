using QNet.Sre.Evaluation;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Evaluation;

public sealed class ErrorBudgetCalculatorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static Slo Slo(string name) => GeneratedOutput.DefaultSpecs.Slos.Single(s => s.Name == name);

    private static MaintenanceWindow Window(string from, string to, Dictionary<string, string>? matchers = null) =>
        new("mw", matchers ?? [], [new TimeInterval([(Minutes(from), Minutes(to))], ["monday"], [], [], [], null)]);

    private static int Minutes(string hhmm) => (int.Parse(hhmm[..2], System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(hhmm[3..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Session requests for 4 hours from Monday 00:00: 100/min, of which 10/min fail during 01:00-02:00.</summary>
    private static InMemoryMetricHistory Sessions()
    {
        var h = new InMemoryMetricHistory();
        double ok = 0, failed = 0;
        for (var m = 0; m <= 240; m++)
        {
            var t = Monday.AddMinutes(m).ToUnixTimeMilliseconds();
            h.Add("qnet_session_requests_total", new Dictionary<string, string> { ["outcome"] = "ok", ["session_class"] = "qkd" }, t, ok);
            h.Add("qnet_session_requests_total", new Dictionary<string, string> { ["outcome"] = "failed", ["session_class"] = "qkd" }, t, failed);
            var failing = m >= 60 && m < 120;
            ok += failing ? 90 : 100;
            failed += failing ? 10 : 0;
        }

        return h;
    }

    [Fact]
    public void Compute_Occurrences_CountsEventsAndSpendsBudget()
    {
        var status = Assert.Single(ErrorBudgetCalculator.Compute(Slo("session-success"), Sessions(), [], Monday.AddHours(4)));

        // 240 minutes × 100 events, 600 failed; allowed = 1 % × 24000 = 240, so 600 / 240 = 2.5 budgets spent.
        Assert.Equal(24000, status.Good + status.Bad);
        Assert.Equal(600, status.Bad);
        Assert.Equal(1 - (600.0 / (0.01 * 24000)), status.BudgetRemaining, 12);
        Assert.Equal("qkd", status.Group["session_class"]);
    }

    [Fact]
    public void Compute_MaintenanceOverTheFailures_LeavesThemOutOfTheBudget()
    {
        var status = Assert.Single(ErrorBudgetCalculator.Compute(Slo("session-success"), Sessions(), [Window("01:00", "02:00")], Monday.AddHours(4)));

        // Increments whose earlier sample lies in 01:00-02:00 (60 of them) are not charged: no failure remains.
        Assert.Equal(0, status.Bad);
        Assert.Equal(18000, status.Good);
        Assert.Equal(1, status.BudgetRemaining);
    }

    [Fact]
    public void Compute_MaintenanceForAnotherClass_DoesNotApply()
    {
        var window = Window("01:00", "02:00", new Dictionary<string, string> { ["session_class"] = "teleport" });

        var status = Assert.Single(ErrorBudgetCalculator.Compute(Slo("session-success"), Sessions(), [window], Monday.AddHours(4)));

        Assert.Equal(600, status.Bad);
    }

    [Fact]
    public void Compute_TimeslicesGauge_CountsBadSlicesAgainstThePeriod()
    {
        var h = new InMemoryMetricHistory();
        for (var m = 0; m < 120; m++)
        {
            // Transmittance 0.5, dropping to 0.001 for minutes 30..44: slices 30-35, 35-40, 40-45 are bad.
            h.Add("qnet_link_transmittance_ratio", new Dictionary<string, string> { ["link"] = "a-b" }, Monday.AddMinutes(m).ToUnixTimeMilliseconds(), m is >= 30 and < 45 ? 0.001 : 0.5);
        }

        var slo = Slo("link-transmittance") with { Window = new TimeWindow(1, 'd', true, DateTime.MinValue, null) };
        var status = Assert.Single(ErrorBudgetCalculator.Compute(slo, h, [], Monday.AddDays(1)));

        // Slices aligned to the period start (Monday 00:00): 24 slices have data, 3 bad. Budget: 0.1 % of 288 slices.
        Assert.Equal(21, status.Good);
        Assert.Equal(3, status.Bad);
        Assert.Equal(1 - (3 / (0.001 * 288)), status.BudgetRemaining, 9);
    }

    [Fact]
    public void Compute_TimeslicesCounter_JudgesWholeSlicesFromTheSeriesStart()
    {
        var h = new InMemoryMetricHistory();
        double v = 0;
        for (var m = 2; m <= 120; m++)
        {
            // 20 pairs/s, none during minutes 30..44; the series appears at minute 2.
            v += m - 1 is >= 30 and < 45 || m == 2 ? 0 : 1200;
            h.Add("qnet_link_pairs_generated_total", new Dictionary<string, string> { ["link"] = "a-b" }, Monday.AddMinutes(m).ToUnixTimeMilliseconds(), v);
        }

        var slo = Slo("link-generation-rate") with { Window = new TimeWindow(1, 'd', true, DateTime.MinValue, null) };
        var status = Assert.Single(ErrorBudgetCalculator.Compute(slo, h, [], Monday.AddDays(1)));

        // Slices [5 min, 120 min): 23 judged (the partial first slice is not), 3 of them (30-45 min) bad.
        Assert.Equal(20, status.Good);
        Assert.Equal(3, status.Bad);
    }

    [Fact]
    public void PeriodAt_CalendarMonth_IsTheCalendarMonth()
    {
        var window = Slo("key-delivery-latency").Window;

        var (start, end) = window.PeriodAt(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), end);
    }
}
