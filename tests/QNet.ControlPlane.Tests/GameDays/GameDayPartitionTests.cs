using QNet.ControlPlane.GameDays;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>
/// The twin runs its sessions in partitions on a group clock; a game day's journal (wall-clock fields apart) is the same
/// byte for byte whether the partitions run on one thread or on two, or every session runs on the shared simulator.
/// </summary>
public sealed class GameDayPartitionTests
{
    [Theory]
    [InlineData("f1-link-cut.yaml")]
    [InlineData("f3-memory-t2-drop.yaml")]
    public void Run_ShippedDrillOnNoneOneAndTwoThreads_ByteIdenticalJournals(string drill)
    {
        var experiment = ExperimentLoader.LoadFile(Path.Combine(RepositoryRoot(), "gamedays", drill)).Experiment!;

        AssertSameOnNoneOneAndTwoThreads(experiment, drill);
    }

    [Fact]
    public void Run_MetroHoursWithThreeFaultsOnNoneOneAndTwoThreads_ByteIdenticalJournals()
    {
        // The benchmark's 24 h game day cut to 2 h, its faults brought forward to fit.
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "bench", "gamedays", "metro-24h-three-faults.yaml"))
            .Replace("duration: 24h", "duration: 2h", StringComparison.Ordinal)
            .Replace("before: 2h", "before: 20min", StringComparison.Ordinal)
            .Replace("before: 6h", "before: 20min", StringComparison.Ordinal);
        var loaded = ExperimentLoader.Parse(text, "metro-2h-three-faults.yaml", RepositoryRoot());
        Assert.Empty(loaded.Errors);

        AssertSameOnNoneOneAndTwoThreads(loaded.Experiment!, "metro-2h-three-faults.yaml");
    }

    private static void AssertSameOnNoneOneAndTwoThreads(Experiment experiment, string source)
    {
        var oneTarget = new OfflineTarget(experiment, partitionThreads: 1);
        var one = new GameDayRunner(experiment, source, oneTarget).Run();
        var twoTarget = new OfflineTarget(experiment, partitionThreads: 2);
        var two = new GameDayRunner(experiment, source, twoTarget).Run();
        var none = new GameDayRunner(experiment, source, new OfflineTarget(experiment, partitionThreads: 0)).Run();

        // The sessions did run in partitions, and the journal heard what they did.
        Assert.True(oneTarget.Twin.Twin.Scheduler.PartitionEvents > oneTarget.Twin.Twin.Simulator.EventsProcessed);
        Assert.Contains(one.Entries, e => e.Type == JournalTypes.Session);
        Assert.Equal(GameDayJournalWriter.Write(one, includeWall: false), GameDayJournalWriter.Write(two, includeWall: false));
        Assert.Equal(GameDayJournalWriter.Write(none, includeWall: false), GameDayJournalWriter.Write(one, includeWall: false));
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
