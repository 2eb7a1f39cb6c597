using System.Text.RegularExpressions;

namespace QNet.Cli.Tests.Commands.Sweeps;

/// <summary><c>qnet sweep --shard I/N</c> and <c>qnet sweep merge</c>, run as real processes side by side.</summary>
public sealed partial class SweepShardCommandTests : IDisposable
{
    internal const string Chain = SweepCommandTests.Chain;

    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-shard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Sweep(params string[] extra)
    {
        string path = Path.Combine(_dir, "chain.yaml");
        File.WriteAllText(path, Chain);
        // 3 points × 2 values × 2 runs = 12 tasks: 5 shards get unequal shares.
        return ["sweep", path, "--set", "links.*.length=10km..30km:10km", "--set", "nodes.r1.memory.t2=0.1s,1s", "--runs", "2", "--duration", "0.4s", .. extra];
    }

    private string Out(string name) => Path.Combine(_dir, name);

    /// <summary>Runs the shards as concurrent processes; each writes into its own folder.</summary>
    private void RunShards(int count, string prefix, params string[] extra)
    {
        var processes = Enumerable.Range(0, count)
            .Select(i => Task.Run(() => QnetProcess.Run(Sweep([.. extra, "--shard", $"{i}/{count}", "--out", Out($"{prefix}{i}")]))))
            .ToArray();
        foreach (var p in processes)
        {
            Assert.True(p.Result.ExitCode == 0, p.Result.StdErr);
        }
    }

    private string[] ShardDirs(int count, string prefix) => Enumerable.Range(0, count).Select(i => Out($"{prefix}{i}")).ToArray();

    internal static void AssertSameResults(string expectedDir, string actualDir)
    {
        foreach (string file in new[] { "results.csv", "rate.png", "fidelity.png" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expectedDir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDir, file))), $"{file} differs");
        }
        // Only the wall-clock figure may differ, and it has its own field.
        string expected = File.ReadAllText(Path.Combine(expectedDir, "results.json")), actual = File.ReadAllText(Path.Combine(actualDir, "results.json"));
        Assert.Contains("\"wallSeconds\": ", actual);
        Assert.Equal(WallSeconds().Replace(expected, ""), WallSeconds().Replace(actual, ""));
    }

    [Fact]
    public void Merge_FiveShardProcesses_SameFilesAsSingleProcessByteForByte()
    {
        var single = QnetProcess.Run(Sweep("--out", Out("single")));
        Assert.True(single.ExitCode == 0, single.StdErr);
        RunShards(5, "shard");
        Assert.True(File.Exists(Path.Combine(Out("shard3"), "shard-3-of-5.json")));

        var merge = QnetProcess.Run(["sweep", "merge", .. ShardDirs(5, "shard"), "--out", Out("merged")]);

        Assert.True(merge.ExitCode == 0, merge.StdErr);
        Assert.Contains("Merged 5 shard(s): 6 point(s) × 2 run(s)", merge.StdOut);
        AssertSameResults(Out("single"), Out("merged"));
    }

    [Fact]
    public void Merge_MissingShard_ExitsTwoNamingIt()
    {
        RunShards(3, "m");

        var r = QnetProcess.Run("sweep", "merge", Out("m0"), Out("m2"), "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("shard 1/3 (shard-1-of-3.json) missing: the sweep has 3 shards and 2 were given", Flat(r.StdErr));
        Assert.False(Directory.Exists(Out("merged")));
    }

    [Fact]
    public void Merge_DuplicatedShard_ExitsTwoNamingItAndBothFiles()
    {
        RunShards(2, "d");
        string copy = Out("copy");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(Out("d1"), "shard-1-of-2.json"), Path.Combine(copy, "shard-1-of-2.json"));

        var r = QnetProcess.Run("sweep", "merge", Out("d0"), Out("d1"), copy, "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        string err = Flat(r.StdErr);
        Assert.Contains("shard 1/2 is given twice:", err);
        Assert.Contains(Path.Combine("d1", "shard-1-of-2.json"), err);
        Assert.Contains(Path.Combine("copy", "shard-1-of-2.json"), err);
    }

    [Fact]
    public void Merge_ShardsOfDifferentOptions_ExitsTwoNamingTheShardAndTheDifference()
    {
        var first = QnetProcess.Run(Sweep("--shard", "0/2", "--out", Out("a")));
        Assert.True(first.ExitCode == 0, first.StdErr);
        string path = Path.Combine(_dir, "chain.yaml");
        var other = QnetProcess.Run("sweep", path, "--set", "links.*.length=10km..30km:10km", "--set", "nodes.r1.memory.t2=0.1s,1s", "--runs", "3",
            "--duration", "0.4s", "--shard", "1/2", "--out", Out("b"));
        Assert.True(other.ExitCode == 0, other.StdErr);

        var r = QnetProcess.Run("sweep", "merge", Out("a"), Out("b"), "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("shard 1/2 (", Flat(r.StdErr));
        Assert.Contains("is from a different sweep than shard 0/2", Flat(r.StdErr));
        Assert.Contains("--runs differs (3 against 2)", Flat(r.StdErr));
    }

    [Fact]
    public void Merge_ShardsOfAnEditedScenario_ExitsTwoSayingTheScenarioDiffers()
    {
        Assert.Equal(0, QnetProcess.Run(Sweep("--shard", "0/2", "--out", Out("a"))).ExitCode);
        string edited = Chain.Replace("seed: 4", "seed: 5", StringComparison.Ordinal);
        Assert.NotEqual(Chain, edited);
        File.WriteAllText(Path.Combine(_dir, "chain.yaml"), edited);
        string path = Path.Combine(_dir, "chain.yaml");
        Assert.Equal(0, QnetProcess.Run("sweep", path, "--set", "links.*.length=10km..30km:10km", "--set", "nodes.r1.memory.t2=0.1s,1s", "--runs", "2",
            "--duration", "0.4s", "--shard", "1/2", "--out", Out("b")).ExitCode);

        var r = QnetProcess.Run("sweep", "merge", Out("a"), Out("b"), "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the scenario file's content differs", Flat(r.StdErr));
    }

    [Fact]
    public void Merge_CutShortFile_ExitsTwoNamingTheFile()
    {
        Assert.Equal(0, QnetProcess.Run(Sweep("--shard", "0/1", "--out", Out("a"))).ExitCode);
        string file = Path.Combine(Out("a"), "shard-0-of-1.json");
        File.WriteAllText(file, File.ReadAllText(file)[..200]);

        var r = QnetProcess.Run("sweep", "merge", Out("a"), "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("shard-0-of-1.json:1: not a qnet sweep shard file", Flat(r.StdErr));
        Assert.DoesNotContain("Exception", r.StdErr);
    }

    [Fact]
    public void Merge_FolderWithoutShards_ExitsTwoNamingTheFolder()
    {
        Directory.CreateDirectory(Out("empty"));

        var r = QnetProcess.Run("sweep", "merge", Out("empty"), "--out", Out("merged"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds no shard files", Flat(r.StdErr));
    }

    [Theory]
    [InlineData("3/3", "--shard '3/3': the shard index I must be from 0 to 2")]
    [InlineData("two", "--shard 'two' is not I/N")]
    [InlineData("0/0", "--shard '0/0': the shard count N must be from 1 to 10000")]
    public void Sweep_BadShard_ExitsTwoNamingTheOption(string shard, string message)
    {
        var r = QnetProcess.Run(Sweep("--shard", shard, "--out", Out("x")));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, Flat(r.StdErr));
        Assert.False(Directory.Exists(Out("x")));
    }

    [Fact]
    public void Sweep_ShardWithoutOut_ExitsTwo()
    {
        var r = QnetProcess.Run(Sweep("--shard", "0/2"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--shard needs --out DIR", Flat(r.StdErr));
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [GeneratedRegex("\"wallSeconds\": [^,\n]+")]
    private static partial Regex WallSeconds();
}
