using System.Text.Json;
using QNet.Cli.Commands;
using QNet.Cli.Commands.Qkd;
using Spectre.Console;

namespace QNet.Cli.Tests;

public class QkdCommandTests
{
    private static IAnsiConsole Console(StringWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

    private static (int Code, string Table, string Json, string Status) Run(QkdSettings settings)
    {
        var table = new StringWriter();
        var json = new StringWriter();
        var status = new StringWriter();
        int code = QkdCommand.Run(settings, Console(table), json, Console(status), CancellationToken.None);
        return (code, table.ToString(), json.ToString(), status.ToString());
    }

    [Fact]
    public void Run_Json_EmitsEveryRequiredFieldPerDistanceAndMaxDistance()
    {
        var (code, _, json, _) = Run(new QkdSettings { Distance = "0km..300km:150km", BlockBits = 1_000_000, Json = true, Seed = 3 });
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var points = doc.RootElement.GetProperty("points");
        Assert.Equal(3, points.GetArrayLength());
        foreach (var p in points.EnumerateArray())
        {
            foreach (string field in new[] { "qber", "gain", "secretKeyRateBitsPerPulse", "secretKeyRateBitsPerSecond", "asymptoticKeyRateBitsPerPulse", "plobBoundBitsPerPulse", "distanceKm" })
            {
                Assert.True(p.TryGetProperty(field, out _), $"missing {field}");
            }
        }
        // 0 km gives key with a 1 Mbit block, 300 km does not: the maximum distance is 0 or 150 km.
        Assert.Equal(0, points[2].GetProperty("secretKeyRateBitsPerPulse").GetDouble());
        Assert.True(points[0].GetProperty("secretKeyRateBitsPerPulse").GetDouble() > 0);
        double max = doc.RootElement.GetProperty("maxDistanceKm").GetDouble();
        Assert.True(max is 0.0 or 150.0, $"maxDistanceKm {max}");
        Assert.Equal("bb84-decoy", doc.RootElement.GetProperty("protocol").GetString());
    }

    [Fact]
    public void Run_OutDirectory_WritesPngPlotAndJsonAndPrintsPath()
    {
        string dir = Path.Combine(Path.GetTempPath(), "qnet-qkd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, table, _, _) = Run(new QkdSettings { Protocol = "bbm92", Distance = "0km..100km:50km", BlockBits = 100_000, Out = dir, Seed = 4 });
            Assert.Equal(0, code);
            string png = Path.Combine(dir, "keyrate.png");
            byte[] header = File.ReadAllBytes(png)[..8];
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, header);
            Assert.True(File.Exists(Path.Combine(dir, "qkd.json")));
            Assert.Contains("maximum distance with a positive key", table);
            Assert.Contains("keyrate.png", table.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("bb85", "0km..10km:5km", "--protocol")]
    [InlineData("bb84-decoy", "0km..10km", "--distance")]
    [InlineData("bb84-decoy", "ten km", "--distance")]
    public void Run_BadOption_ExitCode2NamingTheOption(string protocol, string distance, string option)
    {
        var (code, _, _, status) = Run(new QkdSettings { Protocol = protocol, Distance = distance });
        Assert.Equal(2, code);
        Assert.Contains(option, status);
    }

    [Fact]
    public void Run_InvalidPhysicalParameter_ExitCode2NamingTheField()
    {
        var (code, _, _, status) = Run(new QkdSettings { Distance = "10km", Efficiency = 1.5 });
        Assert.Equal(2, code);
        Assert.Contains("efficiency", status);
    }
}
