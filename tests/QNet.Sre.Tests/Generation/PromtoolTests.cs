using QNet.Sre.Generation;
using QNet.Sre.Rules;
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
        Assert.Equal(GeneratedOutput.DefaultSpecs.Slos.Count + 1, files.Length);
    }

    [Fact]
    public void TestRules_GeneratedUnitTests_PassUnderPromtool()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var files = Directory.GetFiles(Path.Combine(GeneratedOutput.Dir, SloGenerator.TestsFolder), "*.test.yaml").Order(StringComparer.Ordinal).ToArray();

        var (code, output) = ExternalTool.Run(promtool, GeneratedOutput.Dir, ["test", "rules", .. files]);

        Assert.True(code == 0, output);
        Assert.Equal(GeneratedOutput.DefaultSpecs.Slos.Count, files.Length);
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
    public void GeneratedRules_EveryAlert_LinksAnExistingRunbook()
    {
        var groups = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default);
        var alerts = groups.SelectMany(g => g.Rules).OfType<AlertingRule>().ToList();

        Assert.Equal((4 * GeneratedOutput.DefaultSpecs.Slos.Count) + 1, alerts.Count);
        foreach (var a in alerts)
        {
            var url = a.Annotations["runbook_url"];
            Assert.StartsWith(RuleOptions.Default.RunbookBaseUrl, url, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Repo.Runbooks, url[RuleOptions.Default.RunbookBaseUrl.Length..])), $"missing runbook for {a.Alert}: {url}");
            Assert.False(string.IsNullOrWhiteSpace(a.Annotations["summary"]));
        }
    }
}
