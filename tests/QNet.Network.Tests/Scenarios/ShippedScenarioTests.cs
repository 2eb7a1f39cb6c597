using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Every scenario shipped in <c>scenarios/</c> must load, and the loader must survive any damage to one.</summary>
public sealed class ShippedScenarioTests
{
    internal static string ScenariosFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
            {
                return Path.Combine(dir.FullName, "scenarios");
            }
        }
        throw new DirectoryNotFoundException("No QNet.slnx above the test binaries; cannot find scenarios/.");
    }

    internal static List<string> ShippedFileNames() =>
        [.. Directory.EnumerateFiles(ScenariosFolder())
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Where(f => f != "costs.yaml") // the planner's cost model (docs/planning.md), not a scenario
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> ShippedFiles() => [.. ShippedFileNames()];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void LoadFile_ShippedScenario_IsValid(string fileName)
    {
        ScenarioLoadResult result = ScenarioLoader.LoadFile(Path.Combine(ScenariosFolder(), fileName));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), result.Scenario!.Name);
    }

    [Fact]
    public void ShippedFiles_IncludeTheRequiredExamples()
    {
        List<string> names = ShippedFileNames();

        Assert.Contains("two-node-50km.yaml", names);
        Assert.Contains(names, n => n.EndsWith(".json", StringComparison.Ordinal));
        var scenarios = names.Select(n => ScenarioLoader.LoadFile(Path.Combine(ScenariosFolder(), n)).Scenario!).ToList();
        Assert.Contains(scenarios, s => s.Links.Any(l => l.Heralding == HeraldingScheme.Probabilistic));
        Assert.Contains(scenarios, s => s.Sessions.Count > 0 && s.Nodes.Any(n => n.Kind == NodeKind.Repeater));
        Assert.Contains(scenarios, s => s.Links.Any(l => l.Qkd is not null));
    }

    [Fact]
    public void LoadFile_TwoNode50km_HasTheShapeOfIssueTwo()
    {
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(ScenariosFolder(), "two-node-50km.yaml")).Scenario!;

        Assert.Equal((7UL, 60.0), (scenario.Seed, scenario.DurationSeconds));
        Assert.Equal(["alice", "bob"], scenario.Nodes.Select(n => n.Id));
        LinkSpec link = Assert.Single(scenario.Links);
        Assert.Equal((50_000.0, 0.2, HeraldingScheme.SingleClick, 0.1), (link.LengthMetres!.Value, link.AttenuationDbPerKm, link.Heralding, link.BrightStatePopulation!.Value));
    }

    [Fact]
    public void Parse_EveryTruncationOfAShippedFile_ReturnsAResultWithoutThrowing()
    {
        string text = File.ReadAllText(Path.Combine(ScenariosFolder(), "repeater-chain.yaml"));
        int valid = 0;
        for (int length = 0; length <= text.Length; length++)
        {
            ScenarioLoadResult result = ScenarioLoader.Parse(text[..length], "cut.yaml");
            Assert.True(result.IsValid != (result.Errors.Count > 0), $"cut at {length}: a result is valid exactly when it has no errors");
            Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1 && e.Field.Length > 0 && e.Message.Length > 0));
            valid += result.IsValid ? 1 : 0;
        }
        // The whole file is valid, so at least the untruncated text must load.
        Assert.True(valid >= 1);
    }
}
