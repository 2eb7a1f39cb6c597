using QNet.Agent.Emulation;
using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

public sealed class VendorSpeakingSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("photonix")]
    [InlineData("qubitworks")]
    public void Read_EmulatorThroughAVendorFormat_GivesTheEmulatorsReadings(string vendor)
    {
        var mapping = VendorMappingLoader.Load(Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", vendor, "mapping.yaml"));
        NodeEmulator Emulator() => new("alice", 7, [new DetectorParameters("detector-0"), new DetectorParameters("detector-1")], 0.01, Start);
        var direct = Emulator();
        var logged = new List<string>();
        var spoken = new VendorSpeakingSource(Emulator(), mapping, new TelemetryNormalizer(mapping, "alice"), logged.Add);

        for (int i = 1; i <= 3; i++)
        {
            var now = Start.AddSeconds(i);
            var expected = direct.Read(now);
            var actual = spoken.Read(now);

            Assert.Equal(expected.Heralds, actual.Heralds);
            Assert.Equal(expected.Samples.Count, actual.Samples.Count);
            for (int k = 0; k < expected.Samples.Count; k++)
            {
                Assert.Equal(expected.Samples[k].Metric, actual.Samples[k].Metric);
                Assert.Equal(expected.Samples[k].Value, actual.Samples[k].Value, Math.Abs(expected.Samples[k].Value) * 1e-12);
                Assert.Equal(expected.Samples[k].Labels.OrderBy(l => l.Key), actual.Samples[k].Labels.OrderBy(l => l.Key));
            }
        }

        Assert.Empty(logged);
    }
}
