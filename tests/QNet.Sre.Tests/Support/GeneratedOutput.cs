using QNet.Sre.Alerting;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Tests.Support;

/// <summary>The default specs, parsed once, and generated once into a temporary folder shared by the tests that read it.</summary>
internal static class GeneratedOutput
{
    private static readonly Lazy<SpecSet> LazySpecs = new(() =>
    {
        var result = SpecParser.ParseFiles(Directory.GetFiles(Repo.DefaultSpecs, "*.yaml"));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Specs!;
    });

    private static readonly Lazy<string> LazyDir = new(() =>
    {
        var dir = ExternalTool.TempDir("qnet-slo-gen");
        SloGenerator.Generate(DefaultSpecs, dir, RuleOptions.Default, AlertingOptions.Default);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return dir;
    });

    public static SpecSet DefaultSpecs => LazySpecs.Value;

    public static string Dir => LazyDir.Value;
}
