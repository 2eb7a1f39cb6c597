using System.Text.Json;

namespace QNet.Cli.Tests;

/// <summary><c>qnet qkd FILE</c> driven as a user runs it: the real process on real scenario files.</summary>
public class QkdFileCommandTests
{
    private static string Scenario(string name) => Path.Combine(QnetProcess.RepositoryRoot, "scenarios", name);

    [Fact]
    public void Qkd_ShippedBb84File_SimulatesTheLinkAtItsLengthWithFileParameters()
    {
        var run = QnetProcess.Run("qkd", Scenario("qkd-bb84-decoy.yaml"), "--json", "--seed", "3");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var doc = JsonDocument.Parse(run.StdOut);
        Assert.Equal("qkd-bb84-decoy", doc.RootElement.GetProperty("scenario").GetString());
        var link = Assert.Single(doc.RootElement.GetProperty("links").EnumerateArray());
        Assert.Equal("alice-bob", link.GetProperty("link").GetString());
        Assert.Equal("bb84-decoy", link.GetProperty("protocol").GetString());
        var point = Assert.Single(link.GetProperty("points").EnumerateArray());
        Assert.Equal(50, point.GetProperty("distanceKm").GetDouble());
        // The file's 0.21 dB/km over 50 km: transmittance 10^(-1.05), exact.
        Assert.Equal(Math.Pow(10, -1.05), point.GetProperty("channelTransmittance").GetDouble(), 12);
        // Theoretical QBER with the file's detector (Y0 1.7e-6, e_d 3.3 %, η 4.5 %), intensities
        // 0.48/0.05/0 sent with 0.7/0.2/0.1 (every class forms key): Σp(Y0/2 + e_d(1 − e^{−ημ})) / Σp(Y0 + 1 − e^{−ημ}),
        // the closed form of REFERENCE.md; any parameter read wrongly from the file moves it by far more than 1e-6.
        double eta = Math.Pow(10, -1.05) * 0.045;
        (double P, double Mu)[] classes = [(0.7, 0.48), (0.2, 0.05), (0.1, 0)];
        double gain = classes.Sum(c => c.P * (1.7e-6 + 1 - Math.Exp(-eta * c.Mu)));
        double expected = classes.Sum(c => c.P * (1.7e-6 / 2 + 0.033 * (1 - Math.Exp(-eta * c.Mu)))) / gain;
        Assert.Equal(expected, point.GetProperty("theoreticalQber").GetDouble(), 6);
        Assert.True(point.GetProperty("asymptoticKeyRateBitsPerPulse").GetDouble() > 0);
        // With the file's 10-Mbit blocks the finite-key analysis leaves secret key at 50 km.
        Assert.True(point.GetProperty("secretKeyRateBitsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public void Qkd_FileWithDistanceAndOverrides_CommandLineWins()
    {
        var run = QnetProcess.Run("qkd", Scenario("qkd-bb84-decoy.yaml"), "--json", "--distance", "10km..30km:10km",
            "--attenuation", "0.2dB/km", "--block-bits", "200000");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var doc = JsonDocument.Parse(run.StdOut);
        var points = doc.RootElement.GetProperty("links")[0].GetProperty("points");
        Assert.Equal([10.0, 20.0, 30.0], points.EnumerateArray().Select(p => p.GetProperty("distanceKm").GetDouble()));
        Assert.Equal(Math.Pow(10, -0.6), points[2].GetProperty("channelTransmittance").GetDouble(), 12);
    }

    [Fact]
    public void Qkd_Bbm92File_UsesTheLinkProtocol()
    {
        var run = QnetProcess.Run("qkd", Scenario("bbm92-midpoint-source.yaml"), "--json", "--block-bits", "100000");
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var doc = JsonDocument.Parse(run.StdOut);
        var link = doc.RootElement.GetProperty("links")[0];
        Assert.Equal("bbm92", link.GetProperty("protocol").GetString());
        Assert.Equal(40, link.GetProperty("points")[0].GetProperty("distanceKm").GetDouble());
    }

    [Fact]
    public void Qkd_InvalidFile_PrintsLoaderErrorsWithPositionAndExits2()
    {
        string file = Path.Combine(Path.GetTempPath(), "qnet-qkd-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, """
            name: bad
            nodes:
              - { id: alice, kind: end }
              - { id: bob,   kind: end }
            links:
              - id: alice-bob
                between: [alice, bob]
                length: 50kg
                heralding: direct
                qkd: { protocol: bb84-decoy, pulseRate: 2MHz, intensities: { signal: 0.5, decoy: 0.1 } }
            """);
        try
        {
            var run = QnetProcess.Run("qkd", file);
            Assert.Equal(2, run.ExitCode);
            string err = run.StdErr.Replace("\n", "", StringComparison.Ordinal);
            Assert.Contains($"{Path.GetFileName(file)}:8:", err, StringComparison.Ordinal);
            Assert.Contains("length", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--distance", "10kg")]
    [InlineData("--pulse-rate", "2km")]
    [InlineData("--attenuation", "0.2")]
    public void Qkd_BadUnit_ExitCode2NamingTheOption(string option, string value)
    {
        var run = QnetProcess.Run("qkd", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.StdErr, StringComparison.Ordinal);
    }
}
