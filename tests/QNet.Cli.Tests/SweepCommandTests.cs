using System.Text.Json;

namespace QNet.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    /// <summary>A two-link chain that sweeps in a second (also the shard and Job tests' scenario).</summary>
    internal const string Chain = """
        name: sweep-test
        seed: 4
        duration: 1s
        nodes:
          - { id: alice, kind: end, memory: { slots: 2 } }
          - { id: r1, kind: repeater, memory: { slots: 4, t2: 1s } }
          - { id: bob, kind: end, memory: { slots: 2 } }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.98, length: 10km }
          - { id: r1-b, between: [r1, bob], heralding: probabilistic, successProbability: 0.2, attemptDuration: 1ms, fidelity: 0.98, length: 10km }
        sessions:
          - { id: s1, source: alice, destination: bob, minFidelity: 0.5 }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario()
    {
        string path = Path.Combine(_dir, "chain.yaml");
        File.WriteAllText(path, Chain);
        return path;
    }

    [Fact]
    public void Sweep_Grid_WritesCsvJsonAndPlotsIdenticalForAnyThreadCount()
    {
        string file = Scenario();
        string[] args = ["sweep", file, "--set", "links.*.length=10km..30km:10km", "--set", "nodes.r1.memory.t2=0.1s,1s", "--runs", "2", "--duration", "0.5s"];
        var one = QnetProcess.Run([.. args, "--threads", "1", "--out", Path.Combine(_dir, "one")]);
        var two = QnetProcess.Run([.. args, "--threads", "2", "--out", Path.Combine(_dir, "two")]);
        Assert.True(one.ExitCode == 0, one.StdErr);
        Assert.True(two.ExitCode == 0, two.StdErr);
        string csv = File.ReadAllText(Path.Combine(_dir, "one", "results.csv"));
        Assert.Equal(csv, File.ReadAllText(Path.Combine(_dir, "two", "results.csv")));
        // 6 points × (2 links + 1 session) rows + header
        Assert.Equal(1 + 6 * 3, csv.Trim().Split('\n').Length);
        Assert.StartsWith("point,links.*.length,nodes.r1.memory.t2,kind,id,pairsPerSecond", csv);
        foreach (string png in new[] { "rate.png", "fidelity.png" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(_dir, "one", png));
            Assert.True(bytes.Length > 1000 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G');
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "one", "results.json")));
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(6, points.GetArrayLength());
        Assert.True(points[0].GetProperty("sessions")[0].GetProperty("pairs").GetDouble() > 0);
    }

    [Fact]
    public void Sweep_BadOverride_ExitsTwoNamingFieldAndOverride()
    {
        var r = QnetProcess.Run("sweep", Scenario(), "--set", "nodes.r1.memory.t2=1s,1km");
        Assert.Equal(2, r.ExitCode);
        string err = System.Text.RegularExpressions.Regex.Replace(r.StdErr, @"\s+", " ");
        Assert.Contains("nodes[1].memory.t2", err);
        Assert.Contains("set by nodes.r1.memory.t2=1km", err);
    }

    [Fact]
    public void Sweep_BadRange_ExitsTwo()
    {
        var r = QnetProcess.Run("sweep", Scenario(), "--set", "links.*.length=10km..1km:1km");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("end must not be below the start", System.Text.RegularExpressions.Regex.Replace(r.StdErr, @"\s+", " "));
    }
}
