using QNet.ControlPlane.GameDays;
using QNet.Network.Faults;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>
/// Every drill shipped under gamedays/ runs offline against the default network, and its journal and figures agree
/// with what the twin itself recorded: fault starts in its fault injector, alert firing times in the SLO monitor,
/// mitigation times in the mitigation engine.
/// </summary>
public sealed class GameDayDrillTests(ITestOutputHelper output)
{
    public static TheoryData<string> Drills()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "gamedays"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Drills))]
    public void Run_ShippedDrill_HoldsAndJournalMatchesTheTwin(string drill)
    {
        var loaded = ExperimentLoader.LoadFile(Path.Combine(RepositoryRoot(), "gamedays", drill));
        Assert.Empty(loaded.Errors);
        var runner = new GameDayRunner(loaded.Experiment!, drill);

        var result = runner.Run();

        foreach (var d in result.Deviations)
        {
            output.WriteLine(d);
        }
        Assert.True(result.Held, $"{drill} deviated: {string.Join("; ", result.Deviations)}");
        var twin = runner.Twin;
        var faults = twin.Twin.FaultInjector.Faults
            .Where(f => !f.Id.StartsWith(ControlPlane.Twin.Twin.AgeingPrefix, StringComparison.Ordinal) && f.StartedSeconds is not null).ToArray();
        double fault = faults.Min(f => f.StartedSeconds!.Value);
        Assert.Equal(fault, result.Summary.FirstFaultSeconds);
        // Every fault the twin started is journalled at its start time, and cleared ones at their clear.
        foreach (ActiveFault f in faults)
        {
            Assert.Contains(result.Entries, e => e.Type == JournalTypes.Fault && e.Get("change") == "started" && e.Seconds == f.StartedSeconds);
            if (f.ClearedSeconds is { } cleared)
            {
                Assert.Contains(result.Entries, e => e.Type == JournalTypes.Fault && e.Get("change") == "cleared" && e.Seconds == cleared);
            }
        }
        // Time to detect: the first alert that fired after the fault, by the monitor's own firing time.
        var fired = twin.Monitor.Alerts.Where(a => a.FiredAt is { } at && (at - OfflineTwin.Epoch).TotalSeconds >= fault)
            .Select(a => (a.FiredAt!.Value - OfflineTwin.Epoch).TotalSeconds).ToArray();
        if (result.Summary.TimeToDetectSeconds is { } detect)
        {
            Assert.Equal(fired.Min() - fault, detect, 6);
        }
        else
        {
            Assert.Empty(fired);
        }
        // Time to mitigate: the engine's first action (not a lift) after the fault.
        var acted = twin.Mitigation.Recent.Where(r => !r.Lifted && r.SimulatedSeconds >= fault).Select(r => r.SimulatedSeconds).ToArray();
        Assert.Equal(acted.Length == 0 ? null : acted.Min() - fault, result.Summary.TimeToMitigateSeconds);
        // Every session change the twin made is in the journal with the session's trace id.
        foreach (var s in twin.Twin.Sessions.Values)
        {
            Assert.Contains(result.Entries, e => e.Type == JournalTypes.Session && e.Name == s.Info.Spec.Id && e.TraceId == s.Info.TraceId);
        }
    }

    [Fact]
    public void Run_SameFileTwice_ByteIdenticalJournalsApartFromWallClock()
    {
        var experiment = ExperimentLoader.LoadFile(Path.Combine(RepositoryRoot(), "gamedays", "f1-link-cut.yaml")).Experiment!;

        var first = new GameDayRunner(experiment, "f1-link-cut.yaml").Run();
        var second = new GameDayRunner(experiment, "f1-link-cut.yaml").Run();

        string a = GameDayJournalWriter.Write(first, includeWall: false);
        Assert.Equal(a, GameDayJournalWriter.Write(second, includeWall: false));
        // The wall object comes last and only appends to the deterministic part.
        string withWall = GameDayJournalWriter.Write(first);
        Assert.StartsWith(a[..a.LastIndexOf(']')], withWall, StringComparison.Ordinal);
        Assert.Contains("\"wall\"", withWall, StringComparison.Ordinal);
        Assert.DoesNotContain("\"wall\"", a, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("QNet.slnx not found above the test output folder.");
    }
}
