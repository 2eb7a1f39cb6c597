using QNet.Network.Scenarios;

namespace QNet.Cli.Tests;

public sealed class TopologyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-topo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Topology_Chain_WritesALoadableScenario()
    {
        string file = Path.Combine(_dir, "chain.yaml");
        var r = QnetProcess.Run("topology", "chain", "--nodes", "9", "--span", "25km", "--heralding", "probabilistic",
            "--memory-slots", "2", "--t2", "1s", "--swap", "nested", "--swap-success", "0.5", "--session", "--out", file);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Scenario s = ScenarioLoader.LoadFile(file).Scenario!;
        Assert.Equal(9, s.Nodes.Count);
        Assert.Equal(8, s.Links.Count);
        Assert.Equal(("alice", "bob"), (s.Sessions[0].Source, s.Sessions[0].Destination));
        Assert.Equal(0.5, s.FindNode("r4")!.Swap!.Measurement.SuccessProbability);
    }

    [Fact]
    public void Topology_NoOut_WritesYamlToStandardOutput()
    {
        var r = QnetProcess.Run("topology", "grid", "--rows", "2", "--cols", "3", "--ends", "all");
        Assert.Equal(0, r.ExitCode);
        Assert.True(ScenarioLoader.Parse(r.StdOut, "stdout").IsValid);
    }

    [Theory]
    [InlineData("--rows applies only to grid", "chain", "--rows", "2")]
    [InlineData("--span: wrong unit", "chain", "--span", "10s")]
    [InlineData("--nodes must be from 3", "ring", "--nodes", "2")]
    [InlineData("--bright-state applies only to --heralding single-click", "star", "--heralding", "double-click", "--bright-state", "0.1")]
    [InlineData("--heralding must be one of", "chain", "--heralding", "single_click")]
    [InlineData("--purification applies only to --session", "chain", "--purification", "dejmps:1")]
    [InlineData("unknown shape 'tree'", "tree")]
    [InlineData("links[0].attenuation: no light gets through this link", "chain", "--attenuation", "1e6dB/km")]
    [InlineData("larger than the 8 MiB a scenario file may hold; generate fewer nodes", "grid", "--rows", "150", "--cols", "150")]
    public void Topology_BadOption_ExitsTwoNamingIt(string message, params string[] args)
    {
        var r = QnetProcess.Run(["topology", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, System.Text.RegularExpressions.Regex.Replace(r.StdErr, @"\s+", " "));
    }
}
