namespace QNet.Cli.Tests;

/// <summary><c>qnet gameday</c> as a user runs it: exit 0 held, 1 deviated, 2 bad file; journal and reports with --out.</summary>
public sealed class GameDayCommandTests
{
    [Fact]
    public void Run_ShippedDrillWithOut_ExitZeroAndWritesJournalAndReports()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qnet-gameday-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = QnetProcess.Run("gameday", Path.Combine(QnetProcess.RepositoryRoot, "gamedays", "f1-link-cut.yaml"), "--out", dir, "--no-progress");

            Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
            Assert.Contains("hypothesis held", r.StdOut, StringComparison.Ordinal);
            string journal = File.ReadAllText(Path.Combine(dir, "journal.json"));
            Assert.Contains("\"result\": \"held\"", journal, StringComparison.Ordinal);
            Assert.Contains("\"QNetLinkDown\"", journal, StringComparison.Ordinal);
            Assert.Contains("time to detect", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
            Assert.Contains("<p><strong>Hypothesis held</strong>: the steady state", html, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dir, "timeline-1.png")));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Run_ExpectationTheTwinCannotMeet_ExitOneWithTheReason()
    {
        // A link cut cannot page within 15 s: QNetLinkDown waits 2 minutes (docs/runbooks/QNetLinkDown.md).
        string file = Write("""
            title: impatient pager
            configuration: { warmup: 1min }
            steady-state-hypothesis:
              title: pairs flow
              probes: [ { name: rate, probe: sli, sli: M1, selector: { link: carol-hub }, window: 1min, tolerance: { gt: 0 } } ]
            method:
              - { type: action, name: cut, action: inject-fault, arguments: { kind: link-cut, target: carol-hub }, pauses: { after: 1min } }
              - { type: action, name: splice, action: clear-fault, arguments: { fault: cut }, pauses: { after: 1min } }
            expectations:
              - { type: alert-pages, alert: QNetLinkDown, labels: { link: carol-hub }, within: 15s }
            """);
        try
        {
            var r = QnetProcess.Run("gameday", file, "--no-progress");

            Assert.True(r.ExitCode == 1, r.StdOut + r.StdErr);
            Assert.Contains("not met", r.StdOut, StringComparison.Ordinal);
            Assert.Contains("alert QNetLinkDown{link=carol-hub} pages within 15 s", r.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_BadFile_ExitTwoWithFileLineAndFieldAndNothingRuns()
    {
        string file = Write("""
            title: typo
            steady-state-hypothesis:
              title: t
              probes: [ { name: rate, probe: sli, sli: M1, window: 1min, tolerance: { gt: 0 } } ]
            method:
              - { type: action, name: cut, action: inject-fault, arguments: { kind: link-snip, target: carol-hub } }
            """);
        try
        {
            var r = QnetProcess.Run("gameday", file, "--no-progress");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{file}:6: method[0].arguments.kind: unknown fault kind 'link-snip'", r.StdErr.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("hypothesis", r.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Write(string text)
    {
        string file = Path.Combine(Path.GetTempPath(), "qnet-drill-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, text);
        return file;
    }
}
