using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Scenarios.Loading;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Damaged and hostile input never escapes the loader as an exception or a crash.</summary>
public sealed class ScenarioLoaderRobustnessTests
{
    private const string YamlSpecials = "{}[]:,-&*!|>'\"#%@`? \n\t0a.<";

    [Fact]
    public void Parse_RandomCharacterEditsOfShippedFiles_AlwaysReturnsAResult()
    {
        // These edits found two YamlDotNet exceptions that are not YamlException and a t1-without-t2
        // default that broke QuantumMemory's invariant; 400 mutants per file keep the test near a second.
        var random = new RandomStream(2026);
        foreach (string name in ShippedScenarioTests.ShippedFileNames())
        {
            string text = File.ReadAllText(Path.Combine(ShippedScenarioTests.ScenariosFolder(), name));
            for (int i = 0; i < 400; i++)
            {
                char[] chars = text.ToCharArray();
                for (int edits = 1 + random.NextInt(3); edits > 0; edits--)
                {
                    chars[random.NextInt(chars.Length)] = YamlSpecials[random.NextInt(YamlSpecials.Length)];
                }
                string mutant = new(chars);

                ScenarioLoadResult result = ScenarioLoader.Parse(mutant, name);

                Assert.True(result.IsValid != (result.Errors.Count > 0), $"{name} mutant {i}: valid exactly when there are no errors");
            }
        }
    }

    [Theory]
    [InlineData(" ", "[", "]")]
    [InlineData(" ", "{a: ", "}")]
    [InlineData("\n  ", "- ", "")]
    public void Parse_NestingFarBeyondTheLimit_ReportsSyntaxErrorInsteadOfOverflowingTheStack(string separator, string open, string close)
    {
        string nested = string.Concat(Enumerable.Repeat(open, 100_000)) + string.Concat(Enumerable.Repeat(close, 100_000));

        ScenarioLoadResult result = ScenarioLoader.Parse("name: t\nnodes:" + separator + nested + "x", "deep.yaml");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(ScenarioError.SyntaxField, error.Field);
        Assert.Contains($"deeper than {DepthLimitedParser.MaxDepth} levels", error.Message);
    }
}
