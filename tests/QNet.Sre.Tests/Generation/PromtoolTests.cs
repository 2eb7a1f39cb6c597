using QNet.Sre.Alerting;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

/// <summary>The generated rules and configuration, checked by Prometheus' and Alertmanager's own tools.</summary>
public sealed class PromtoolTests
{
    [Fact]
    public void CheckRules_GeneratedDefaultRules_AreValid()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var files = Directory.GetFiles(Path.Combine(GeneratedOutput.Dir, SloGenerator.RulesFolder), "*.yaml").Order(StringComparer.Ordinal).ToArray();

        var (code, output) = ExternalTool.Run(promtool, GeneratedOutput.Dir, ["check", "rules", .. files]);

        Assert.True(code == 0, output);
        Assert.Equal(files.Length, output.Split("SUCCESS").Length - 1);
        // One group per SLO, the failure modes', the link-down group, the node-agent group and the twin-clock group.
        Assert.Equal(GeneratedOutput.DefaultSpecs.Slos.Count + 4, files.Length);
    }

    [Fact]
    public void TestRules_GeneratedUnitTests_PassUnderPromtool()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var files = Directory.GetFiles(Path.Combine(GeneratedOutput.Dir, SloGenerator.TestsFolder), "*.test.yaml").Order(StringComparer.Ordinal).ToArray();

        var (code, output) = ExternalTool.Run(promtool, GeneratedOutput.Dir, ["test", "rules", .. files]);

        Assert.True(code == 0, output);
        // One test file per SLO, the failure modes' and the link-down group's (the node-agent group has no unit test yet).
        Assert.Equal(GeneratedOutput.DefaultSpecs.Slos.Count + 2, files.Length);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_GeneratedAlertmanagerConfig_IsValid()
    {
        var amtool = ExternalTool.Require("amtool", "prometheus-alertmanager");

        var (code, output) = ExternalTool.Run(amtool, GeneratedOutput.Dir, "check-config", SloGenerator.AlertmanagerFile);

        Assert.True(code == 0, output);
        Assert.Contains("3 inhibit rules", output, StringComparison.Ordinal);
        Assert.Contains("2 receivers", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConfig_OneOffAndGlobalMaintenance_IsValid()
    {
        var amtool = ExternalTool.Require("amtool", "prometheus-alertmanager");
        var start = new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero);
        var specs = GeneratedOutput.DefaultSpecs with
        {
            MaintenanceWindows =
            [
                .. GeneratedOutput.DefaultSpecs.MaintenanceWindows,
                MaintenanceWindow.OneOff("new-year-upgrade", new Dictionary<string, string>(), start, start.AddHours(4)),
                new MaintenanceWindow("monthly", new Dictionary<string, string> { ["region"] = "north" }, [new TimeInterval([(0, 1440)], ["monday:friday", "sunday"], ["25:-1"], ["january:march", "12"], ["2026:2030"], "Europe/Vienna")]),
            ],
        };
        var dir = ExternalTool.TempDir("qnet-am");
        File.WriteAllText(Path.Combine(dir, "am.yaml"), AlertmanagerConfigWriter.Write(AlertRoutingModel.Build(specs, AlertingOptions.Default)));

        var (code, output) = ExternalTool.Run(amtool, dir, "check-config", "am.yaml");

        Assert.True(code == 0, output);
        var text = File.ReadAllText(Path.Combine(dir, "am.yaml"));
        Assert.Contains("- new-year-upgrade", text, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void GeneratedRules_EveryAlert_LinksAnExistingRunbook()
    {
        var groups = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default);
        var alerts = groups.SelectMany(g => g.Rules).OfType<AlertingRule>().ToList();

        // Four burn-rate alerts per SLO, QNetLinkDown, QNetNodeUnreachable and the failure modes' alerts.
        Assert.Equal((4 * GeneratedOutput.DefaultSpecs.Slos.Count) + 3 + FailureModeRules.Build(RuleOptions.Default).Rules.Count, alerts.Count);
        foreach (var a in alerts)
        {
            var url = a.Annotations["runbook_url"];
            Assert.StartsWith(RuleOptions.Default.RunbookBaseUrl, url, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Repo.Runbooks, url[RuleOptions.Default.RunbookBaseUrl.Length..])), $"missing runbook for {a.Alert}: {url}");
            Assert.False(string.IsNullOrWhiteSpace(a.Annotations["summary"]));
        }
    }
}
