using System.Text.Json;

namespace QNet.Cli.Tests;

/// <summary>A qkd session's BBM92 figures in <c>qnet simulate</c>, through the real process.</summary>
public class QkdSessionOutputTests
{
    private static string Scenario(string name) => Path.Combine(QnetProcess.RepositoryRoot, "scenarios", name);

    [Fact]
    public void Simulate_QkdOverRepeatersJson_SessionCarriesQkdFigures()
    {
        var run = QnetProcess.Run("simulate", Scenario("qkd-over-repeaters.yaml"), "--json");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var doc = JsonDocument.Parse(run.StdOut);
        var qkd = doc.RootElement.GetProperty("sessions")[0].GetProperty("qkd");
        double sifted = qkd.GetProperty("siftedBits").GetDouble();
        double secret = qkd.GetProperty("secretBits").GetDouble();
        double blocks = qkd.GetProperty("blocks").GetDouble();
        Assert.True(sifted >= 10_000, $"{sifted} sifted bits");
        Assert.True(secret > 0 && blocks >= 1, $"{secret} bits in {blocks} blocks");
        Assert.InRange(qkd.GetProperty("qber").GetDouble(), 0, 0.11);
        // Served over the whole 2 s run: bits per second is bits over 2.
        Assert.Equal(secret / 2, qkd.GetProperty("secretBitsPerSecond").GetDouble(), 9);
    }

    [Fact]
    public void Simulate_QkdOverRepeatersTable_ShowsQkdLine()
    {
        var run = QnetProcess.Run("simulate", Scenario("qkd-over-repeaters.yaml"));
        Assert.True(run.ExitCode == 0, run.StdErr);
        string text = run.StdOut.Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("qkd (bbm92):", text, StringComparison.Ordinal);
        Assert.Contains("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_NonQkdSession_QkdIsNull()
    {
        var run = QnetProcess.Run("simulate", Scenario("repeater-chain.yaml"), "--json", "--duration", "200ms");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var doc = JsonDocument.Parse(run.StdOut);
        foreach (var s in doc.RootElement.GetProperty("sessions").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, s.GetProperty("qkd").ValueKind);
        }
    }
}
