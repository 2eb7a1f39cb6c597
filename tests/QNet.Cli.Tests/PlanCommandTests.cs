using System.Text.Json;

namespace QNet.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    // Repeaters cost a fortune: with links that all meet the target, the direct design is cheapest per pair.
    private const string Costs = """
        currency: EUR
        lifetime: 10
        fiber:
          - { attenuation: 0.2dB/km, perKm: 100 }
        repeater: 1e9
        memorySlot:
          - { t2: 10s, price: 10 }
        detector: 1
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Plan_SmallStudy_WritesFilesAndRecommendsTheCheapest()
    {
        string costs = Path.Combine(_dir, "costs.yaml");
        File.WriteAllText(costs, Costs);
        string outDir = Path.Combine(_dir, "out");
        var r = QnetProcess.Run("plan", "--distance", "20km", "--target-fidelity", "0.8", "--costs", costs, "--repeaters", "0..1",
            "--t2", "1s,10s", "--heralding", "probabilistic", "--duration", "0.2s", "--json", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal("0 rep · 0.2 dB/km · T2 1 s · none", doc.RootElement.GetProperty("recommended").GetString());
        var designs = doc.RootElement.GetProperty("designs");
        Assert.Equal(4, designs.GetArrayLength());
        Assert.All(designs.EnumerateArray(), d => Assert.Equal("simulated", d.GetProperty("status").GetString()));
        Assert.True(File.Exists(Path.Combine(outDir, "plan.csv")));
        Assert.True(new FileInfo(Path.Combine(outDir, "plan.png")).Length > 1000);
        Assert.Equal(1 + 4, File.ReadAllText(Path.Combine(outDir, "plan.csv")).Trim().Split('\n').Length);
    }

    [Fact]
    public void Plan_OutputPiped_PrintsEveryTableRowWhole()
    {
        // Piped output used to fold at 80 columns, splitting headers and numbers over several lines.
        string costs = Path.Combine(_dir, "costs.yaml");
        File.WriteAllText(costs, Costs);
        var r = QnetProcess.Run("plan", "--distance", "20km", "--target-fidelity", "0.8", "--costs", costs, "--repeaters", "0..1",
            "--t2", "1s,10s", "--heralding", "probabilistic", "--duration", "0.2s");
        Assert.True(r.ExitCode == 0, r.StdErr);

        string[] table = [.. r.StdOut.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0 && "╭│├╰".Contains(l[0], StringComparison.Ordinal))];
        // Top border, header, rule, four designs, bottom border: one line each.
        Assert.Equal(8, table.Length);
        Assert.Matches(@"│\s*rep\s*│.*│\s*usable pairs/s\s*│.*│\s*note\s*│", table[1]);
        Assert.All(table, line => Assert.Equal(table[0].Length, line.Length));
    }

    [Theory]
    [InlineData("--distance is required")]
    [InlineData("--repeaters: values must lie in 0..1000", "--distance", "100km", "--repeaters", "-1..2")]
    [InlineData("--purification: rounds in 'dejmps:x'", "--distance", "100km", "--purification", "none,dejmps:x")]
    [InlineData("--attenuation: missing unit", "--distance", "100km", "--attenuation", "0.2")]
    public void Plan_BadOption_ExitsTwoNamingIt(string message, params string[] args)
    {
        var r = QnetProcess.Run(["plan", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, System.Text.RegularExpressions.Regex.Replace(r.StdErr, @"\s+", " "));
    }
}
