using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace QNet.Cli.Tests;

/// <summary>
/// Ctrl-C on an offline <c>qnet gameday</c>, as a real child process gets it: the run stops at the next 15 s sample,
/// rolls back, writes its journal and reports marked interrupted, and exits 130.
/// </summary>
public sealed class GameDayInterruptTests
{
    // Thirty days of twin time: far longer than the test lets it run, so the signal always lands mid-run.
    private const string Drill = """
        version: 1.0.0
        title: "offline: a month-long carol-hub cut"
        description: The interrupt test's drill.
        configuration: { scenario: metro, seed: 2026, warmup: 1min, duration: 30d }
        steady-state-hypothesis:
          title: carol-hub generates pairs
          probes:
            - { name: carol-hub pair rate, probe: sli, sli: M1, selector: { link: carol-hub }, window: 1min, tolerance: { gt: 0 } }
        method:
          - { type: action, name: cut carol-hub, id: cut, action: inject-fault, arguments: { kind: link-cut, target: carol-hub }, pauses: { after: 29d } }
          - { type: action, name: splice carol-hub, action: clear-fault, arguments: { fault: cut } }
        rollbacks:
          - { type: action, name: make sure carol-hub is spliced, action: clear-fault, arguments: { fault: cut } }
        """;

    [Fact]
    public async Task Run_SigintOffline_WritesTheJournalAndReportMarkedInterruptedAndExits130()
    {
        string root = Path.Combine(Path.GetTempPath(), "qnet-gameday-interrupt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            string file = Path.Combine(root, "month.yaml");
            File.WriteAllText(file, Drill);
            string dir = Path.Combine(root, "out");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "qnet.dll"), "gameday", file, "--out", dir, "--no-progress" })
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["NO_COLOR"] = "1";
            using var gameday = Process.Start(info)!;
            var stderr = gameday.StandardError.ReadToEndAsync();
            // The first line comes once the signal handlers are in place: from then on Ctrl-C stops the run cleanly.
            string? first = await gameday.StandardOutput.ReadLineAsync();
            var rest = gameday.StandardOutput.ReadToEndAsync();
            Assert.StartsWith("Offline on a fresh twin", first ?? await stderr, StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(2)); // let it run a little (what it reaches does not matter)
            using (var kill = Process.Start("kill", ["-INT", gameday.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await gameday.WaitForExitAsync();

            Assert.True(gameday.ExitCode == 130, first + await rest + await stderr);
            Assert.Contains("interrupted", await rest, StringComparison.Ordinal);
            var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "journal.json"))).RootElement;
            var verdict = journal.GetProperty("verdict");
            Assert.Equal("interrupted", verdict.GetProperty("result").GetString());
            Assert.Contains(verdict.GetProperty("deviations").EnumerateArray(), d => d.GetString()!.StartsWith("interrupted", StringComparison.Ordinal));
            // It stopped at a sample of twin time, long before the planned 30 days, and the rollback ran without its pauses.
            double end = journal.GetProperty("experiment").GetProperty("endSeconds").GetDouble();
            Assert.InRange(end, 0, 29 * 86400);
            Assert.Equal(0, end % 15);
            var entries = journal.GetProperty("entries").EnumerateArray().ToArray();
            Assert.Single(entries, e => e.GetProperty("type").GetString() == "action" && e.GetProperty("phase").GetString() == "rollback");
            Assert.DoesNotContain(entries, e => e.GetProperty("name").GetString() == "splice carol-hub");
            Assert.Contains("**Interrupted**", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
