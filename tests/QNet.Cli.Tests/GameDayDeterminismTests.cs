using System.Diagnostics;
using System.Text.Json.Nodes;

namespace QNet.Cli.Tests;

/// <summary>The same experiment file and seed give the same journal (its <c>wall</c> object apart) whatever the number of processors.</summary>
public sealed class GameDayDeterminismTests
{
    [Fact]
    public async Task Run_OneAndTwoProcessors_SameJournalApartFromWall()
    {
        string root = Path.Combine(Path.GetTempPath(), "qnet-gameday-threads-" + Guid.NewGuid().ToString("N"));
        try
        {
            string drill = Path.Combine(QnetProcess.RepositoryRoot, "gamedays", "f1-link-cut.yaml");
            var one = await JournalAsync(drill, Path.Combine(root, "one"), processors: 1);
            var two = await JournalAsync(drill, Path.Combine(root, "two"), processors: 2);

            Assert.NotNull(one["wall"]);
            one.Remove("wall");
            two.Remove("wall");
            Assert.True(one["entries"]!.AsArray().Count > 10);
            Assert.Equal(one.ToJsonString(), two.ToJsonString());
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    // Runs the real qnet in its own process with DOTNET_PROCESSOR_COUNT set (the runtime's processor count: thread pool, GC heaps); returns its journal.
    private static async Task<JsonObject> JournalAsync(string drill, string dir, int processors)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "qnet.dll"), "gameday", drill, "--out", dir, "--no-progress" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_PROCESSOR_COUNT"] = processors.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stdout + await stderr);
        return (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "journal.json")))!;
    }
}
