using System.Text.Json;

namespace QNet.Cli.Tests;

/// <summary><c>qnet simulate scenarios/switch.yaml</c>: the switch's figures in --json and the table, and their bookkeeping.</summary>
public sealed class SwitchSimulateTests
{
    private static readonly string Scenario = Path.Combine(QnetProcess.RepositoryRoot, "scenarios", "switch.yaml");

    [Fact]
    public void Simulate_SwitchScenarioJson_ReportsCapacityOccupancyAndWaits()
    {
        var r = QnetProcess.Run("simulate", Scenario, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        JsonElement hub = Assert.Single(doc.RootElement.GetProperty("switches").EnumerateArray());
        Assert.Equal(("hub", "oldest-first", 4), (hub.GetProperty("id").GetString(), hub.GetProperty("policy").GetString(), hub.GetProperty("buffer").GetInt32()));
        JsonElement[] requests = [.. hub.GetProperty("requests").EnumerateArray()];
        JsonElement[] leaves = [.. hub.GetProperty("leaves").EnumerateArray()];
        double seconds = doc.RootElement.GetProperty("simulatedSeconds").GetDouble();

        // Capacity is the sum over the two-leaf requests; GHZ states are counted apart.
        double pairs = requests.Where(q => q.GetProperty("leaves").GetArrayLength() == 2).Sum(q => q.GetProperty("served").GetDouble());
        Assert.Equal(pairs / seconds, hub.GetProperty("pairsPerSecond").GetDouble(), 9);
        Assert.True(hub.GetProperty("ghzPerSecond").GetDouble() > 0);
        // A batch of 500 requests is served in full, each after a positive wait; an always-on request has no wait.
        JsonElement batch = requests.Single(q => q.GetProperty("session").GetString() == "alice-carol");
        Assert.Equal((500.0, 500.0), (batch.GetProperty("requests").GetDouble(), batch.GetProperty("served").GetDouble()));
        Assert.True(batch.GetProperty("meanWaitSeconds").GetDouble() > 0);
        Assert.False(requests.Single(q => q.GetProperty("session").GetString() == "alice-bob").TryGetProperty("meanWaitSeconds", out _));
        foreach (JsonElement leaf in leaves)
        {
            string node = leaf.GetProperty("node").GetString()!;
            // Every qubit used went into a swap or fusion of a request on this leaf (successful or failed).
            double swaps = requests.Where(q => q.GetProperty("leaves").EnumerateArray().Any(l => l.GetString() == node))
                .Sum(q => q.GetProperty("served").GetDouble() + q.GetProperty("failedSwaps").GetDouble());
            Assert.Equal(swaps, leaf.GetProperty("used").GetDouble());
            // Heralded = dropped + lost + expired + used + still stored at the end (at most the buffer).
            double leftOver = leaf.GetProperty("generated").GetDouble() - leaf.GetProperty("dropped").GetDouble() - leaf.GetProperty("lost").GetDouble()
                - leaf.GetProperty("expired").GetDouble() - leaf.GetProperty("used").GetDouble();
            Assert.InRange(leftOver, 0, 4);
            Assert.InRange(leaf.GetProperty("meanOccupancy").GetDouble(), 0, 4);
        }
        // The failed swaps follow the 0.9 success probability: 10 % of all swaps within five standard errors.
        double failed = requests.Sum(q => q.GetProperty("failedSwaps").GetDouble()), all = failed + requests.Sum(q => q.GetProperty("served").GetDouble());
        Assert.InRange(failed / all, 0.1 - 5 * Math.Sqrt(0.09 / all), 0.1 + 5 * Math.Sqrt(0.09 / all));
    }

    [Fact]
    public void Simulate_SwitchScenarioTable_ShowsTheSwitch()
    {
        var r = QnetProcess.Run("simulate", Scenario);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("switch hub: capacity", r.StdOut);
        Assert.Contains("policy oldest-first, buffer 4 per leaf", r.StdOut);
        Assert.Contains("alice–bob–dave", r.StdOut);
        Assert.Contains("occupancy", r.StdOut);
    }

    [Fact]
    public void Up_SwitchScenario_IsRefusedWithTheReason()
    {
        var r = QnetProcess.Run("up", "--scenario", Scenario);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("node 'hub' is a switch; switches run in 'qnet simulate' only", r.StdErr);
    }
}
