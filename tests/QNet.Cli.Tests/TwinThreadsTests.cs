namespace QNet.Cli.Tests;

/// <summary>
/// Every verb that builds a twin refuses a bad <c>QNET_TWIN_THREADS</c> up front, as bad input (exit 2) naming the
/// variable and the value, before it creates a data folder, opens a port or runs anything.
/// </summary>
public sealed class TwinThreadsTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public void Up_BadTwinThreads_ExitTwoNamingItAndNothingCreated(string value)
    {
        string root = Path.Combine(Path.GetTempPath(), $"qnet-threads-{Guid.NewGuid():N}");
        string data = Path.Combine(root, "data");

        var r = QnetProcess.RunWith(null, Environment(value), "up", "--data", data, "--api-port", "0", "--etsi-port", "0", "--time-factor", "10");

        AssertRefused(r, value);
        Assert.False(Directory.Exists(root), "the refused start created its data folder");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public void GameDay_BadTwinThreads_ExitTwoNamingItAndNothingRuns(string value)
    {
        string output = Path.Combine(Path.GetTempPath(), $"qnet-threads-{Guid.NewGuid():N}");
        string experiment = Path.Combine(QnetProcess.RepositoryRoot, "gamedays", "f1-link-cut.yaml");

        var r = QnetProcess.RunWith(null, Environment(value), "gameday", experiment, "--no-progress", "--out", output);

        AssertRefused(r, value);
        Assert.DoesNotContain("Offline on a fresh twin", r.StdOut, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "the refused run wrote its output folder");
    }

    private static Dictionary<string, string?> Environment(string value) => new(StringComparer.Ordinal) { ["QNET_TWIN_THREADS"] = value };

    private static void AssertRefused(QnetProcess.Result r, string value)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.StdOut}{r.StdErr}");
        string error = r.StdErr.Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains($"QNET_TWIN_THREADS: expected a thread count (0 or more), got '{value}'", error, StringComparison.Ordinal);
    }
}
