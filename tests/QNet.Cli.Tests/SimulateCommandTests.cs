using System.Text.Json;

namespace QNet.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-sim-").FullName;

    private const string TwoNode = """
        name: two-node-test
        seed: 7
        duration: 10s
        nodes:
          - { id: alice, kind: end, memory: { slots: 2, t1: 10s, t2: 1s } }
          - { id: bob,   kind: end, memory: { slots: 2, t1: 10s, t2: 1s } }
        links:
          - id: alice-bob
            between: [alice, bob]
            length: 50km
            attenuation: 0.2dB/km
            heralding: single-click
            brightStatePopulation: 0.1
            detector: { efficiency: 1, darkCountRate: 0Hz }
        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Simulate_Json_HasRequiredFieldsAndMatchesModel()
    {
        var r = QnetProcess.Run("simulate", Write("s.yaml", TwoNode), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("events").GetInt64() > 0);
        Assert.Equal(10.0, root.GetProperty("simulatedSeconds").GetDouble());
        Assert.True(root.GetProperty("wallClock").GetProperty("seconds").GetDouble() > 0);
        JsonElement link = root.GetProperty("links")[0];
        Assert.Equal("alice-bob", link.GetProperty("id").GetString());
        long attempts = link.GetProperty("attempts").GetInt64();
        // 2 slots each: 2 channels × 10 s / 250 µs attempts.
        Assert.Equal(80_000, attempts);
        double p = link.GetProperty("expected").GetProperty("successProbability").GetDouble();
        double se = Math.Sqrt(p * (1 - p) / attempts);
        Assert.InRange(link.GetProperty("successProbability").GetDouble(), p - 5 * se, p + 5 * se);
        Assert.InRange(link.GetProperty("pairsPerSecond").GetDouble(), 0.9 * 2 * p / 250e-6, 1.1 * 2 * p / 250e-6);
        Assert.Equal(link.GetProperty("expected").GetProperty("fidelity").GetDouble(), link.GetProperty("meanFidelity").GetDouble(), 9);
        Assert.Equal(250e-6, link.GetProperty("meanHeraldingLatencySeconds").GetDouble(), 12);
    }

    [Fact]
    public void Simulate_RunsWithDifferentThreadCounts_GiveIdenticalResults()
    {
        string file = Write("s.yaml", TwoNode);
        var one = QnetProcess.Run("simulate", file, "--json", "--runs", "4", "--threads", "1");
        var many = QnetProcess.Run("simulate", file, "--json", "--runs", "4", "--threads", "4");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(Strip(one.StdOut), Strip(many.StdOut));
        using var doc = JsonDocument.Parse(one.StdOut);
        JsonElement link = doc.RootElement.GetProperty("links")[0];
        Assert.Equal(4, doc.RootElement.GetProperty("runs").GetInt32());
        Assert.True(link.GetProperty("standardErrors").GetProperty("pairsPerSecond").GetDouble() > 0);

        // Wall-clock figures differ between runs; everything else must not.
        static string Strip(string json)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            node.Remove("wallClock");
            return node.ToJsonString();
        }
    }

    [Fact]
    public void Simulate_Json_SessionWaitingTimesAndWallClockObject()
    {
        // One abstract link (p = 0.25 per 1 ms attempt), one slot: the waiting time to each pair is geometric,
        // mean τ/p = 4 ms (standard deviation τ√(1−p)/p), median ⌈ln ½ / ln ¾⌉ = 3 attempts. About 20,000 pairs: five
        // standard errors of the mean are 3.1 %; the median is exact up to its histogram bin (1.2 %).
        const string yaml = """
            name: waiting
            seed: 3
            duration: 80s
            nodes:
              - { id: alice, kind: end, memory: { slots: 1 } }
              - { id: bob, kind: end, memory: { slots: 1 } }
            links:
              - { id: a-b, between: [alice, bob], heralding: probabilistic, successProbability: 0.25, attemptDuration: 1ms, fidelity: 0.9 }
            sessions:
              - { id: s, source: alice, destination: bob }
            """;
        string file = Write("w.yaml", yaml);
        var one = QnetProcess.Run("simulate", file, "--json");
        var two = QnetProcess.Run("simulate", file, "--json");
        Assert.Equal(0, one.ExitCode);
        using var doc = JsonDocument.Parse(one.StdOut);
        JsonElement waiting = doc.RootElement.GetProperty("sessions")[0].GetProperty("waitingTimes");
        Assert.InRange(waiting.GetProperty("meanSeconds").GetDouble(), 4e-3 * 0.969, 4e-3 * 1.031);
        Assert.InRange(waiting.GetProperty("p50Seconds").GetDouble(), 3e-3 / 1.012, 3e-3 * 1.012);
        Assert.True(doc.RootElement.GetProperty("wallClock").GetProperty("eventsPerSecond").GetDouble() > 0);
        Assert.False(doc.RootElement.TryGetProperty("wallSeconds", out _));

        // Everything but the wall clock is the same for the same seed.
        static string Strip(string json)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            node.Remove("wallClock");
            return node.ToJsonString();
        }
        Assert.Equal(Strip(one.StdOut), Strip(two.StdOut));
    }

    [Fact]
    public void Simulate_Out_WritesJsonAndCsv()
    {
        string outDir = Path.Combine(_dir, "out");
        var r = QnetProcess.Run("simulate", Write("s.yaml", TwoNode), "--out", outDir, "--runs", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("alice-bob", r.StdOut);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "result.json")));
        Assert.Equal(2, doc.RootElement.GetProperty("runs").GetInt32());
        string[] links = File.ReadAllLines(Path.Combine(outDir, "links.csv"));
        Assert.Equal(2, links.Length);
        Assert.StartsWith("alice-bob,single-click,", links[1]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "runs.csv")).Length);
    }

    [Fact]
    public void Simulate_SeedAndDurationOverrides_AreApplied()
    {
        string file = Write("s.yaml", TwoNode);
        var a = QnetProcess.Run("simulate", file, "--json", "--seed", "1", "--duration", "2s");
        var b = QnetProcess.Run("simulate", file, "--json", "--seed", "2", "--duration", "2s");
        using var da = JsonDocument.Parse(a.StdOut);
        using var db = JsonDocument.Parse(b.StdOut);
        Assert.Equal(2.0, da.RootElement.GetProperty("simulatedSeconds").GetDouble());
        Assert.Equal(1UL, da.RootElement.GetProperty("seed").GetUInt64());
        Assert.NotEqual(da.RootElement.GetProperty("links")[0].GetProperty("pairs").GetDouble(), db.RootElement.GetProperty("links")[0].GetProperty("pairs").GetDouble());
    }

    [Fact]
    public void Simulate_InvalidFile_ExitsTwoAndNamesLineAndField()
    {
        string file = Write("bad.yaml", TwoNode.Replace("length: 50km", "length: -50km"));
        var r = QnetProcess.Run("simulate", file, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Contains("bad.yaml:10:", r.StdErr);
        Assert.Contains("length", r.StdErr);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--duration", "10", "--duration")]
    [InlineData("--engine", "fast", "--engine")]
    public void Simulate_BadOption_ExplainsTheOption(string option, string value, string named)
    {
        var r = QnetProcess.Run("simulate", Write("s.yaml", TwoNode), option, value);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(named, r.StdOut + r.StdErr);
    }

    [Fact]
    public void Simulate_MissingFile_FailsWithPath()
    {
        var r = QnetProcess.Run("simulate", Path.Combine(_dir, "nope.yaml"));
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("nope.yaml", r.StdErr);
    }

    [Theory]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    [InlineData("/dev", "is a directory, not a scenario file")]
    public void Simulate_NotARegularFile_ExitsTwoBeforeReadingIt(string path, string message)
    {
        // /dev/zero used to be read until the process ran out of memory.
        var r = QnetProcess.Run("simulate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}:1:1: (file): {message}", r.StdErr);
    }

    [Fact]
    public void Simulate_FileOverTheSizeLimit_ExitsTwoNamingTheLimit()
    {
        string path = Path.Combine(_dir, "big.yaml");
        File.WriteAllText(path, "name: big\nnodes: [ { id: a, kind: end } ]\n" + new string('#', 9 * 1024 * 1024));

        var r = QnetProcess.Run("simulate", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is larger than 8 MiB, the largest scenario file accepted", r.StdErr);
    }
}
