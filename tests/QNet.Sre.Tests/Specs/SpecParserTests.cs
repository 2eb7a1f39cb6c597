using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Specs;

public sealed class SpecParserTests
{
    private const string ValidRatio = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: session-success
          annotations:
            qnet.io/group-by: session_class
            qnet.io/min-events: "20"
        spec:
          service: qnet
          indicator:
            metadata:
              name: failed
            spec:
              ratioMetric:
                counter: true
                bad:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: qnet_session_requests_total{outcome="failed"}
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: qnet_session_requests_total
          timeWindow:
            - duration: 30d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: 0.99
        """;

    [Fact]
    public void ParseFiles_DefaultSpecs_ReadsTenSlosOverTheSliTable()
    {
        var result = SpecParser.ParseFiles(Directory.GetFiles(Repo.DefaultSpecs, "*.yaml"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(10, result.Specs!.Slos.Count);
        Assert.Single(result.Specs.MaintenanceWindows);
        var fidelity = result.Specs.Slos.Single(s => s.Name == "session-pair-fidelity");
        var sli = Assert.IsType<RatioSli>(fidelity.Indicator);
        Assert.Equal("qnet_session_pairs_judged_total{target=\"missed\"}", sli.Bad!.ToString());
        Assert.Equal("qnet_session_pairs_judged_total", sli.Total.ToString());
        Assert.Equal(0.999, fidelity.Objective.Target);
        var success = result.Specs.Slos.Single(s => s.Name == "session-success");
        Assert.Equal([14.4, 6, 3, 1], success.Conditions.Select(c => c.Factor));
        Assert.Equal(TimeSpan.FromMinutes(5), success.Conditions[0].ShortWindow);
        Assert.Equal(TimeSpan.FromHours(2), success.Conditions[2].ShortWindow);
        Assert.False(result.Specs.Slos.Single(s => s.Name == "key-delivery-latency").Window.IsRolling);
    }

    [Fact]
    public void Parse_ValidRatioSlo_ResolvesDefaultsAndAnnotations()
    {
        var result = SpecParser.Parse(ValidRatio);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var slo = Assert.Single(result.Specs!.Slos);
        Assert.Equal(["session_class"], slo.GroupBy);
        Assert.Equal(20, slo.MinEvents);
        Assert.Equal("SessionSuccessBudgetBurn", slo.AlertName);
        // No alert policy: the workbook set for 30 days, unscaled (exact doubles: 0.02 × 720, 0.05 × 120, ...).
        Assert.Equal([0.02 * 720, 0.05 * 120, 0.1 * 30, 0.1 * 10], slo.Conditions.Select(c => c.Factor));
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsEveryOneWithLineAndField()
    {
        var yaml = ValidRatio
            .Replace("target: 0.99", "target: 1.5")
            .Replace("duration: 30d", "duration: 30days")
            .Replace("budgetingMethod: Occurrences", "budgetingMethod: Sometimes")
            .Replace("query: qnet_session_requests_total\n", "query: sum(rate(qnet_session_requests_total[5m]))\n");

        var result = SpecParser.Parse(yaml);

        Assert.False(result.IsValid);
        Assert.Null(result.Specs);
        var text = string.Join("\n", result.Errors);
        Assert.Contains(result.Errors, e => e.Field.EndsWith("spec.objectives[0].target", StringComparison.Ordinal) && e.Line == 31);
        Assert.Contains(result.Errors, e => e.Field.EndsWith("spec.timeWindow[0].duration", StringComparison.Ordinal) && e.Line == 27);
        Assert.Contains(result.Errors, e => e.Field.EndsWith("spec.budgetingMethod", StringComparison.Ordinal) && e.Line == 29);
        Assert.Contains(result.Errors, e => e.Field.EndsWith("ratioMetric.total.metricSource.spec.query", StringComparison.Ordinal) && e.Line == 25);
        Assert.Equal(4, result.Errors.Count);
        Assert.StartsWith("line ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind: SLO", "kind: SLX", "kind")]
    [InlineData("apiVersion: openslo/v1", "apiVersion: openslo/v2", "apiVersion")]
    [InlineData("name: session-success", "name: Session_Success", "metadata.name")]
    [InlineData("counter: true", "counter: false", "ratioMetric.counter")]
    [InlineData("service: qnet", "servce: qnet", "spec.servce")]
    [InlineData("type: Prometheus\n            spec:\n              query: qnet_session_requests_total{", "type: Datadog\n            spec:\n              query: qnet_session_requests_total{", "metricSource.type")]
    [InlineData("qnet.io/min-events: \"20\"", "qnet.io/min-events: \"lots\"", "qnet.io/min-events")]
    [InlineData("qnet.io/group-by: session_class", "qnet.io/group-by: slo", "qnet.io/group-by")]
    [InlineData("qnet.io/group-by: session_class", "qnet.io/alert-name: QNetLinkDown", "qnet.io/alert-name")]
    public void Parse_OneBadField_NamesThatField(string from, string to, string field)
    {
        Assert.Contains(from, ValidRatio, StringComparison.Ordinal);
        var result = SpecParser.Parse(ValidRatio.Replace(from, to));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field.Contains(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("apiVersion: openslo/v1\nkind: [SLO\nmetadata: {", 0)]
    [InlineData("apiVersion: openslo/v1\nkind: SLO\n  metadata: x\n bad", 3)]
    public void Parse_BrokenYaml_ReturnsErrorNotException(string yaml, int line)
    {
        var result = SpecParser.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Contains("YAML syntax", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Parse_DeeplyNestedYaml_RefusedWithoutCrashing()
    {
        var result = SpecParser.Parse("apiVersion: openslo/v1\nkind: SLO\nspec: " + new string('[', 100_000));

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("nesting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingReferences_NameTheReference()
    {
        var yaml = ValidRatio.Replace("  indicator:\n", "  indicatorRef: nope\n  unused:\n").Replace("  timeWindow:", "  alertPolicies: [missing-policy]\n  timeWindow:");

        var result = SpecParser.Parse(yaml);

        Assert.Contains(result.Errors, e => e.Field.EndsWith("spec.indicatorRef", StringComparison.Ordinal) && e.Message.Contains("'nope'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field.EndsWith("spec.alertPolicies[0]", StringComparison.Ordinal) && e.Message.Contains("'missing-policy'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ThresholdWithOccurrences_AsksForTimeslices()
    {
        const string yaml = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: drift}
            spec:
              service: qnet
              indicator:
                metadata: {name: drift}
                spec:
                  thresholdMetric:
                    metricSource: {type: Prometheus, spec: {query: qnet_calibration_drift_ratio}}
              timeWindow: [{duration: 7d, isRolling: true}]
              budgetingMethod: Occurrences
              objectives: [{op: lt, value: 0.05, target: 0.99}]
            """;

        var result = SpecParser.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.EndsWith("spec.budgetingMethod", error.Field, StringComparison.Ordinal);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void Parse_CalendarWindowWithoutStart_RequiresCalendar()
    {
        var result = SpecParser.Parse(ValidRatio.Replace("duration: 30d\n      isRolling: true", "duration: 1M\n      isRolling: false"));

        Assert.Contains(result.Errors, e => e.Field.EndsWith("timeWindow[0].calendar", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InlineAlertPolicy_UsesItsBurnRateConditions()
    {
        const string policy = """
              alertPolicies:
                - kind: AlertPolicy
                  metadata: {name: fast-only}
                  spec:
                    conditions:
                      - kind: AlertCondition
                        metadata:
                          name: fast
                          annotations: {qnet.io/short-window: 10m}
                        spec:
                          severity: page
                          condition: {kind: burnrate, op: gte, threshold: 10, lookbackWindow: 2h, alertAfter: 5m}
              timeWindow:
            """;
        var yaml = ValidRatio.Replace("  timeWindow:", policy);

        var result = SpecParser.Parse(yaml);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var c = Assert.Single(result.Specs!.Slos[0].Conditions);
        Assert.Equal(new BurnRateCondition("fast", Severity.Page, 10, TimeSpan.FromHours(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), Inclusive: true), c);
    }
}
