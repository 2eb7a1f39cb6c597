using System.Text.RegularExpressions;
using QNet.Sre.Rules;
using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

/// <summary>The runbook links the generated alerts carry resolve to pages of docs/runbooks, with the default and a custom base.</summary>
public sealed partial class RunbookLinkTests
{
    [Fact]
    public void ShippedRules_EveryRunbookUrl_ResolvesFromTheRepositoryRootAndEveryRunbookIsLinked()
    {
        var urls = Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "generated", "prometheus", "rules"), "*.yaml")
            .SelectMany(f => RunbookLine().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Trim()))
            .ToList();

        Assert.Equal((4 * GeneratedOutput.DefaultSpecs.Slos.Count) + 3 + FailureModeRules.Build(RuleOptions.Default).Rules.Count, urls.Count);
        foreach (var url in urls)
        {
            Assert.StartsWith(RuleOptions.DefaultRunbookBaseUrl, url, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Repo.Root, url)), $"runbook_url {url} does not resolve to a file of the repository");
        }

        var linked = urls.Select(u => Path.GetFileName(u)).ToHashSet();
        Assert.All(Directory.GetFiles(Repo.Runbooks, "*.md").Select(f => Path.GetFileName(f)), page => Assert.Contains(page, linked));
    }

    [Fact]
    public void Build_CustomAbsoluteBase_EveryLinkIsBasePlusAnExistingPage()
    {
        const string Base = "https://git.example.org/qnet/-/blob/main/docs/runbooks/";
        var alerts = RuleBuilder.Build(GeneratedOutput.DefaultSpecs, RuleOptions.Default with { RunbookBaseUrl = Base })
            .SelectMany(g => g.Rules).OfType<AlertingRule>().ToList();

        Assert.NotEmpty(alerts);
        foreach (var a in alerts)
        {
            var url = a.Annotations["runbook_url"];
            Assert.Equal(Base + a.Alert + ".md", url);
            Assert.True(File.Exists(Path.Combine(Repo.Runbooks, a.Alert + ".md")), $"no runbook page for {a.Alert}");
        }
    }

    [GeneratedRegex(@"runbook_url:\s*(\S+)")]
    private static partial Regex RunbookLine();
}
