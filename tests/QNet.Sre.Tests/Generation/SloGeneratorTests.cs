using QNet.Sre.Tests.Support;

namespace QNet.Sre.Tests.Generation;

public sealed class SloGeneratorTests
{
    [Fact]
    public void Generate_DefaultSpecs_MatchesTheCheckedInExampleOutput()
    {
        var shipped = Path.Combine(Repo.Root, "deploy", "generated");
        var expected = Directory.GetFiles(shipped, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(shipped, f)).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.GetFiles(GeneratedOutput.Dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(GeneratedOutput.Dir, f)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
        foreach (var rel in actual)
        {
            Assert.True(
                File.ReadAllText(Path.Combine(shipped, rel)) == File.ReadAllText(Path.Combine(GeneratedOutput.Dir, rel)),
                $"deploy/generated/{rel} is stale: run `qnet slo generate deploy/slo --out deploy/generated`");
        }
    }
}
