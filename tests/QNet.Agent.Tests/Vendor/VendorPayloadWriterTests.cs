using QNet.Agent.Telemetry;
using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

public sealed class VendorPayloadWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private static TelemetrySample S(string metric, double value, params (string, string)[] labels) =>
        new(metric, value, labels.Append(("node", "carol")).ToDictionary(l => l.Item1, l => l.Item2, StringComparer.Ordinal), At);

    private static readonly TelemetrySample[] Device =
    [
        S("qnet_detector_dark_count_rate_hertz", 25, ("device", "a")),
        S("qnet_detector_efficiency_ratio", 0.895, ("device", "a")),
        S("qnet_detector_dead_time_seconds", 5e-8, ("device", "a")),
        S("qnet_detector_clicks", 1843, ("device", "a")),
        S("qnet_memory_coherence_time_seconds", 1.48e-3, ("device", "memory-0")),
        S("qnet_memory_relaxation_time_seconds", 0.0125, ("device", "memory-0")),
    ];

    [Theory]
    [InlineData("photonix")]
    [InlineData("qubitworks")]
    public void Write_ThenNormalize_GivesTheSamplesBack(string vendor)
    {
        var mapping = VendorMappingLoader.Load(Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", vendor, "mapping.yaml"));

        var payload = VendorPayloadWriter.Write(mapping, Device);
        var back = new TelemetryNormalizer(mapping, "carol").Normalize(payload);

        Assert.Empty(back.Rejected);
        Assert.Empty(back.Unknown);
        Assert.Equal(Device.Length, back.Samples.Count);
        for (int i = 0; i < Device.Length; i++)
        {
            Assert.Equal(Device[i].Metric, back.Samples[i].Metric);
            Assert.Equal(Device[i].Value, back.Samples[i].Value, Device[i].Value * 1e-12);
            Assert.Equal(Device[i].Labels.OrderBy(l => l.Key), back.Samples[i].Labels.OrderBy(l => l.Key));
            Assert.Equal(At, back.Samples[i].ReadAt);
        }
    }

    [Fact]
    public void Write_TransmittanceToADbVendor_WritesTheLossInDb()
    {
        var mapping = VendorMappingLoader.Load(Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", "photonix", "mapping.yaml"));

        var payload = VendorPayloadWriter.Write(mapping, [S("qnet_link_transmittance_ratio", 0.1, ("link", "alice-r1"))]);

        Assert.Equal("{\"ts\":\"2026-12-06T21:00:00.0000000Z\",\"span\":\"alice-r1\",\"param\":\"FiberLoss\",\"val\":10}\n", payload);
    }

    [Fact]
    public void Write_SampleTheVendorDoesNotReport_IsLeftOut()
    {
        var mapping = VendorMappingLoader.Load(Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", "qubitworks", "mapping.yaml"));

        Assert.Equal("", VendorPayloadWriter.Write(mapping, [S("qnet_link_up", 1), S("qnet_detector_efficiency_ratio", 0.9)]));
    }
}
