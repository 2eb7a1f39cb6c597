using System.Diagnostics;
using System.Text.Json;

namespace QNet.Cli.Tests;

/// <summary>
/// <c>qnet gameday --target --token</c> against a real <c>qnet up --time-factor 50</c> process: a short carol-hub cut
/// that must page and reroute, run to the end, run again interrupted by SIGINT while the fault is in, and run against a
/// target that stops answering (SIGSTOP) while the fault is in.
/// </summary>
public sealed class GameDayLiveTests
{
    // Short F1 drill: the cut stays in 6 min of twin time (QNetLinkDown pages after about 3), then 2 min of recovery.
    private const string Drill = """
        version: 1.0.0
        title: "live: carol-hub cut pages and reroutes"
        description: The live test's F1 drill.
        configuration: { scenario: metro, seed: 2026, warmup: 1min }
        steady-state-hypothesis:
          title: carol-hub generates pairs
          probes:
            - { name: carol-hub pair rate, probe: sli, sli: M1, selector: { link: carol-hub }, window: 1min, tolerance: { gt: 0 } }
        method:
          - { type: action, name: cut carol-hub, id: cut, action: inject-fault, arguments: { kind: link-cut, target: carol-hub }, pauses: { after: PAUSE } }
          - { type: probe, name: QNetLinkDown under the cut, probe: alert, alert: QNetLinkDown, selector: { link: carol-hub } }
          - { type: action, name: splice carol-hub, action: clear-fault, arguments: { fault: cut }, pauses: { after: 2min } }
        rollbacks:
          - { type: action, name: make sure carol-hub is spliced, action: clear-fault, arguments: { fault: cut } }
        expectations:
          - { type: alert-pages, alert: QNetLinkDown, labels: { link: carol-hub }, within: 5min }
          - { type: mitigates, labels: { action: reroute, target: carol-hub }, within: 2min }
        """;

    [Fact]
    public void Run_LinkCutAgainstQnetUp_ExitZeroAndJournalsThePageAndTheReroute()
    {
        using var up = QnetUpChild.Start(50);
        string dir = Path.Combine(up.Root, "out");
        string file = WriteDrill(up.Root, "6min");

        var r = QnetProcess.Run("gameday", file, "--target", up.Api.ToString(), "--token", up.Token, "--out", dir, "--no-progress");

        // On a deviation, what the target itself did (its mitigation record and stored events) says which side erred.
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr + "\ntarget mitigations: " + up.Get("api/v1/mitigation").GetProperty("recent")
            + "\ntarget events: " + up.Get("api/v1/events/history?limit=50"));
        Assert.Contains("time factor 50", r.StdOut, StringComparison.Ordinal);
        var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "journal.json"))).RootElement;
        Assert.Equal("live", journal.GetProperty("wall").GetProperty("mode").GetString());
        Assert.Equal("held", journal.GetProperty("verdict").GetProperty("result").GetString());
        var entries = journal.GetProperty("entries").EnumerateArray().ToArray();
        // The fault the target reports is the one journalled, with the trace id the inject call carried.
        var started = Assert.Single(entries, e => Is(e, "fault") && e.GetProperty("change").GetString() == "started");
        var inject = Assert.Single(entries, e => Is(e, "action") && e.GetProperty("action").GetString() == "inject-fault");
        Assert.Matches("^[0-9a-f]{32}$", inject.GetProperty("traceId").GetString()!);
        Assert.Equal(inject.GetProperty("traceId").GetString(), started.GetProperty("traceId").GetString());
        Assert.Single(entries, e => Is(e, "fault") && e.GetProperty("change").GetString() == "cleared");
        double cut = started.GetProperty("t").GetDouble();
        // The page and the reroute came from the target (its alert and its mitigation engine), after the cut.
        var page = entries.First(e => Is(e, "alert") && e.GetProperty("name").GetString() == "QNetLinkDown" && e.GetProperty("status").GetString() == "firing");
        Assert.Equal("page", page.GetProperty("label:severity").GetString());
        Assert.InRange(page.GetProperty("t").GetDouble() - cut, 0, 300);
        Assert.Contains(entries, e => Is(e, "mitigation") && e.GetProperty("name").GetString() == "reroute" && e.GetProperty("target").GetString() == "carol-hub"
            && e.GetProperty("change").GetString() == "acted" && e.GetProperty("t").GetDouble() >= cut);
        Assert.Contains(entries, e => Is(e, "probe") && e.GetProperty("reading").GetString() == "firing");
        // Session changes carry the trace ids the target gave its sessions.
        var sessions = up.Get("api/v1/sessions").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("traceId").GetString());
        var suspended = entries.Where(e => Is(e, "session")).ToArray();
        Assert.NotEmpty(suspended);
        Assert.All(suspended, e => Assert.Equal(sessions[e.GetProperty("name").GetString()!], e.GetProperty("traceId").GetString()));
        Assert.DoesNotContain(up.Get("api/v1/faults").EnumerateArray(), f => f.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Run_SigintWhileTheFaultIsIn_RollsBackAndClearsTheFaultOnTheTarget()
    {
        using var up = QnetUpChild.Start(50);
        string dir = Path.Combine(up.Root, "out");
        string file = WriteDrill(up.Root, "2h");
        using var gameday = StartGameDay(file, up, dir);
        var stdout = gameday.StandardOutput.ReadToEndAsync();
        var stderr = gameday.StandardError.ReadToEndAsync();

        // Once the cut is in, interrupt as Ctrl-C does.
        await WaitForTheCut(up, gameday, stdout, stderr);
        using (var kill = Process.Start("kill", ["-INT", gameday.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await gameday.WaitForExitAsync();

        Assert.True(gameday.ExitCode == 130, await stdout + await stderr);
        var faults = up.Get("api/v1/faults").EnumerateArray().ToArray();
        var fault = Assert.Single(faults);
        Assert.False(fault.GetProperty("active").GetBoolean());
        var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "journal.json"))).RootElement;
        Assert.Equal("interrupted", journal.GetProperty("verdict").GetProperty("result").GetString());
        Assert.Contains(journal.GetProperty("verdict").GetProperty("deviations").EnumerateArray(), d => d.GetString()!.StartsWith("interrupted", StringComparison.Ordinal));
        var entries = journal.GetProperty("entries").EnumerateArray().ToArray();
        var rollback = Assert.Single(entries, e => Is(e, "action") && e.GetProperty("phase").GetString() == "rollback" && e.GetProperty("action").GetString() == "clear-fault");
        Assert.Equal("cleared", rollback.GetProperty("result").GetString());
        Assert.Contains(entries, e => Is(e, "fault") && e.GetProperty("change").GetString() == "cleared");
        // Interrupted well before the splice step: the method's own clear never ran.
        Assert.DoesNotContain(entries, e => Is(e, "action") && e.GetProperty("name").GetString() == "splice carol-hub");
    }

    [Fact]
    public async Task Run_TargetStopsAnsweringWhileTheFaultIsIn_AbortsRollsBackBestEffortAndExitsOneNamingTheCall()
    {
        using var up = QnetUpChild.Start(50);
        string dir = Path.Combine(up.Root, "out");
        string file = WriteDrill(up.Root, "2h");
        using var gameday = StartGameDay(file, up, dir, "--call-timeout", "3s");
        var stdout = gameday.StandardOutput.ReadToEndAsync();
        var stderr = gameday.StandardError.ReadToEndAsync();

        await WaitForTheCut(up, gameday, stdout, stderr);
        // The fault is active as soon as the target has handled the injection, a moment before the run has read the
        // answer; frozen in that moment, the call left hanging would be the POST. The run then spends its pause (2 h at
        // ×50, over two minutes) reading the target, so a second later the call that hangs is one of those reads.
        await Task.Delay(TimeSpan.FromSeconds(1));
        // The target hangs: its sockets still accept, nothing answers, so the run's next call times out.
        up.Freeze();
        try
        {
            await gameday.WaitForExitAsync();
        }
        finally
        {
            up.Thaw();
        }

        string output = await stdout + await stderr;
        Assert.True(gameday.ExitCode == 1, output);
        Assert.Contains("aborted and rolled back: --target:", output, StringComparison.Ordinal);
        Assert.Contains("did not answer GET", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "journal.json"))).RootElement;
        Assert.Equal("aborted", journal.GetProperty("verdict").GetProperty("result").GetString());
        Assert.Contains(journal.GetProperty("verdict").GetProperty("deviations").EnumerateArray(),
            d => d.GetString()!.StartsWith("aborted: --target:", StringComparison.Ordinal) && d.GetString()!.Contains("within 3 s", StringComparison.Ordinal));
        var entries = journal.GetProperty("entries").EnumerateArray().ToArray();
        // Each rollback was tried on its own call and journalled with why it failed: the experiment's clear, then the
        // target's own undo of the fault it still holds.
        var rollback = Assert.Single(entries, e => Is(e, "action") && e.GetProperty("phase").GetString() == "rollback" && e.GetProperty("action").GetString() == "clear-fault");
        Assert.Contains("did not answer", rollback.GetProperty("error").GetString(), StringComparison.Ordinal);
        var restore = Assert.Single(entries, e => Is(e, "action") && e.GetProperty("action").GetString() == "restore");
        Assert.StartsWith("could not clear fault", restore.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "report.md")));
        Assert.Contains("**Aborted**", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        // Honest about the target: the rollback never reached it, so once it answers again the cut is still in.
        Assert.Contains(up.Get("api/v1/faults").EnumerateArray(), f => f.GetProperty("active").GetBoolean());
    }

    [Fact]
    public void Run_TargetNotListening_ExitTwoWithAClearError()
    {
        string file = WriteDrill(Path.GetTempPath(), "1min");
        try
        {
            var r = QnetProcess.Run("gameday", file, "--target", "http://127.0.0.1:9/", "--token", "qnet_x", "--no-progress");

            Assert.Equal(2, r.ExitCode);
            Assert.Contains("--target: cannot reach http://127.0.0.1:9/", r.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", r.StdOut + r.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_TokenTheTargetRefuses_ExitTwoNamingTheToken()
    {
        using var up = QnetUpChild.Start(50);
        string file = WriteDrill(up.Root, "1min");

        var r = QnetProcess.Run("gameday", file, "--target", up.Api.ToString(), "--token", "qnet_not-a-token", "--no-progress");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--token:", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("401", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.StdOut + r.StdErr, StringComparison.Ordinal);
    }

    private static bool Is(JsonElement e, string type) => e.GetProperty("type").GetString() == type;

    private static Process StartGameDay(string file, QnetUpChild up, string dir, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "qnet.dll"), "gameday", file, "--target", up.Api.ToString(), "--token", up.Token,
            "--out", dir, "--no-progress" }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info)!;
    }

    // Waits (in twin time, as the target runs it) until the cut is in.
    private static async Task WaitForTheCut(QnetUpChild up, Process gameday, Task<string> stdout, Task<string> stderr)
    {
        while (!up.Get("api/v1/faults").EnumerateArray().Any(f => f.GetProperty("active").GetBoolean()))
        {
            // The message is built only on failure: awaiting the output streams waits for the process to end.
            if (gameday.HasExited)
            {
                Assert.Fail("the game day ended before injecting: " + await stdout + await stderr);
            }
            await Task.Delay(200);
        }
    }

    private static string WriteDrill(string folder, string pause)
    {
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "live-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, Drill.Replace("PAUSE", pause, StringComparison.Ordinal));
        return file;
    }
}
