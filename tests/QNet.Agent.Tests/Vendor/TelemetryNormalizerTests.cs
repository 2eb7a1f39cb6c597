using QNet.Agent.Telemetry;
using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

/// <summary>The two shipped vendor formats, end to end: the same device readings in two vendors' names and units become the same QNet samples.</summary>
public sealed class TelemetryNormalizerTests
{
    private static string VendorFile(string vendor, string file) => Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", vendor, file);

    private static TelemetryNormalizer Normalizer(string vendor, string node = "alice") =>
        new(VendorMappingLoader.Load(VendorFile(vendor, "mapping.yaml")), node);

    private static double Value(NormalizationResult r, string metric, string? device = null) =>
        Assert.Single(r.Samples, s => s.Metric == metric && (device is null || s.Labels.GetValueOrDefault("device") == device)).Value;

    [Fact]
    public void Normalize_ShippedJsonLinesSample_ConvertsToBaseUnitsAndCountsTheUnknown()
    {
        var r = Normalizer("photonix").Normalize(File.ReadAllText(VendorFile("photonix", "sample.jsonl")));

        Assert.Empty(r.Rejected);
        Assert.Equal(9, r.Samples.Count);
        Assert.Equal(1843, Value(r, "qnet_detector_clicks"), 12);
        Assert.Equal(0.012, Value(r, "qnet_calibration_drift_ratio"), 12);
        Assert.Equal(25, Value(r, "qnet_detector_dark_count_rate_hertz", "spd-a"), 9);
        Assert.Equal(31, Value(r, "qnet_detector_dark_count_rate_hertz", "spd-b"), 9);
        Assert.Equal(0.895, Value(r, "qnet_detector_efficiency_ratio"), 12);
        Assert.Equal(50e-9, Value(r, "qnet_detector_dead_time_seconds"), 15);
        Assert.Equal(1.48e-3, Value(r, "qnet_memory_coherence_time_seconds"), 12);
        Assert.Equal(12.5e-3, Value(r, "qnet_memory_relaxation_time_seconds"), 12);
        Assert.Equal(Math.Pow(10, -0.51), Value(r, "qnet_link_transmittance_ratio"), 12);
        Assert.All(r.Samples, s => Assert.Equal("alice", s.Labels["node"]));
        Assert.Equal("alice-r1", Assert.Single(r.Samples, s => s.Metric == "qnet_link_transmittance_ratio").Labels["link"]);
        Assert.Equal(["device", "node"], Assert.Single(r.Samples, s => s.Metric == "qnet_memory_coherence_time_seconds").Labels.Keys.Order(StringComparer.Ordinal));
        Assert.All(r.Samples, s => Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero), s.ReadAt));
        Assert.Equal(1, Assert.Single(r.Unknown, u => u.Key == "LaserTempC").Value);
    }

    [Fact]
    public void Normalize_ShippedPrometheusSample_GivesTheSameDeviceFiguresInQNetUnits()
    {
        var r = Normalizer("qubitworks").Normalize(File.ReadAllText(VendorFile("qubitworks", "sample.prom")));

        Assert.Empty(r.Rejected);
        Assert.Equal(24, Value(r, "qnet_detector_dark_count_rate_hertz", "0"), 12);
        Assert.Equal(31, Value(r, "qnet_detector_dark_count_rate_hertz", "1"), 12);
        Assert.Equal(0.9, Value(r, "qnet_detector_efficiency_ratio", "0"), 12);
        Assert.Equal(50e-9, Value(r, "qnet_detector_dead_time_seconds"), 15);
        Assert.Equal(1.48e-3, Value(r, "qnet_memory_coherence_time_seconds"), 12);
        Assert.Equal(12.5e-3, Value(r, "qnet_memory_relaxation_time_seconds"), 12);
        Assert.Equal(0.012, Value(r, "qnet_calibration_drift_ratio", "interferometer"), 12);
        Assert.Equal(1843, Value(r, "qnet_detector_clicks", "0"), 12);
        Assert.Equal(new Dictionary<string, long> { ["qw_cryostat_temperature_kelvin"] = 1 }, r.Unknown);
    }

    [Fact]
    public void Normalize_ReadingWithoutACopiedLabel_IsRejectedNotGuessed()
    {
        var n = Normalizer("qubitworks");

        var r = n.Normalize("qw_spd_efficiency 0.9\nqw_spd_efficiency{channel=\"2\"} 0.8\n");

        Assert.Equal(0.8, Assert.Single(r.Samples).Value, 12);
        var rejected = Assert.Single(r.Rejected);
        Assert.Equal((1, RejectReason.MissingLabel), (rejected.Line, rejected.Reason));
        Assert.Contains("'channel'", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountingSamples_AfterSeveralPayloads_ReportRunningTotalsAsCatalogueCounters()
    {
        var n = Normalizer("qubitworks", node: "bob");
        n.Normalize("qw_fan_rpm 1200\nqw_fan_rpm 1300\nbroken{ 1\n");
        n.Normalize("qw_fan_rpm 1250\nqw_mem_t2_ms NaN\nqw_door_open 0\n");

        var samples = n.AccountingSamples();

        static string Key(TelemetrySample s) => $"{s.Metric}|{string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value))}|{s.Value}";
        Assert.Equal(
        [
            "qnet_agent_telemetry_unknown|node=bob,vendor_metric=qw_door_open|1",
            "qnet_agent_telemetry_unknown|node=bob,vendor_metric=qw_fan_rpm|3",
            "qnet_agent_telemetry_rejected|node=bob,reason=malformed|1",
            "qnet_agent_telemetry_rejected|node=bob,reason=non-finite|1",
        ], samples.Select(Key));
    }
}
