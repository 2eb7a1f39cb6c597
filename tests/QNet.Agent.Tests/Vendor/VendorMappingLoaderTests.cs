using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

public sealed class VendorMappingLoaderTests
{
    private const string Prom = "vendor: v\nformat: prometheus-text\nmetrics:\n";

    private static string Shipped(string vendor) => Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", vendor, "mapping.yaml");

    private static MappingError[] Errors(string text)
    {
        var e = Assert.Throws<VendorMappingException>(() => VendorMappingLoader.Parse(text, "m.yaml"));
        return [.. e.Errors];
    }

    [Fact]
    public void Load_ShippedJsonLinesMapping_ReadsFieldsAndEveryMetric()
    {
        var m = VendorMappingLoader.Load(Shipped("photonix"));

        Assert.Equal(VendorFormat.JsonLines, m.Format);
        Assert.Equal(new JsonLinesFields("param", "val", "ts", ["dev", "ch", "span"]).Metric, m.Fields!.Metric);
        Assert.Equal(["ch", "dev", "span"], m.Fields.Labels.Order(StringComparer.Ordinal));
        Assert.Equal(["CalDrift", "Clicks", "DarkRate", "DeadTime", "DetEff", "FiberLoss", "T1", "T2"], m.Metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("qnet_detector_clicks", m.Metrics["Clicks"].QNetMetric);
        Assert.Equal(VendorUnit.Kilohertz, m.Metrics["DarkRate"].Unit);
        Assert.Equal(new LabelRule("device", null, "ch"), Assert.Single(m.Metrics["DarkRate"].Labels));
    }

    [Fact]
    public void Load_ShippedPrometheusMapping_HasNoFields()
    {
        var m = VendorMappingLoader.Load(Shipped("qubitworks"));

        Assert.Equal(VendorFormat.PrometheusText, m.Format);
        Assert.Null(m.Fields);
        Assert.Equal(7, m.Metrics.Count);
        Assert.Equal(VendorUnit.PartsPerMillion, m.Metrics["qw_cal_drift_ppm"].Unit);
    }

    [Fact]
    public void Load_MissingFile_NamesFile()
    {
        var e = Assert.Throws<VendorMappingException>(() => VendorMappingLoader.Load("/nonexistent/m.yaml"));

        Assert.Equal("/nonexistent/m.yaml: (file): cannot be read: no such file", Assert.Single(e.Errors).ToString());
    }

    [Theory]
    [InlineData("vendor: v\nformat: csv\nmetrics:\n  - {vendor: a, qnet: qnet_link_up, unit: count}\n", 2, "format", "'csv' is not a format; expected one of json-lines, prometheus-text")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_upp\n    unit: count\n", 5, "metrics[0].qnet", "'qnet_link_upp' is not a QNet metric")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_memory_coherence_time_seconds\n    unit: kHz\n", 6, "metrics[0].unit", "'kHz' is a frequency (Hz, kHz, MHz, cps, cpm), but qnet_memory_coherence_time_seconds takes a time")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_up\n    unit: furlongs\n", 6, "metrics[0].unit", "'furlongs' is not a unit; expected one of s,")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_pair_fidelity_bucket\n    unit: count\n", 5, "metrics[0].qnet", "part of a histogram")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_up\n    unit: count\n    labels: {node: x}\n", 7, "metrics[0].labels.node", "set by the agent")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_up\n    unit: count\n    labels: {9x: y}\n", 7, "metrics[0].labels.9x", "not a Prometheus label name")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_up\n    unit: count\n    units: s\n", 7, "metrics[0].units", "unknown field; expected one of vendor, qnet, unit, labels")]
    [InlineData(Prom + "  - vendor: a\n    qnet: qnet_link_up\n    unit: count\n  - vendor: a\n    qnet: qnet_link_up\n    unit: count\n", 7, "metrics[1].vendor", "'a' is mapped twice (first at line 4)")]
    [InlineData("vendor: v\nformat: prometheus-text\nfields: {metric: m, value: v}\nmetrics:\n  - {vendor: a, qnet: qnet_link_up, unit: count}\n", 3, "fields", "only a json-lines format has fields")]
    [InlineData("vendor: v\nformat: json-lines\nmetrics:\n  - {vendor: a, qnet: qnet_link_up, unit: count}\n", 1, "fields", "is required")]
    [InlineData("vendor: v\nformat: json-lines\nfields: {metric: m, value: v, labels: [dev]}\nmetrics:\n  - {vendor: a, qnet: qnet_link_up, unit: count, labels: {link: $span}}\n", 5, "metrics[0].labels.link", "'$span' copies a vendor label the readings do not carry; fields.labels names dev")]
    [InlineData("vendor: v\nformat: prometheus-text\nmetrics: []\n", 3, "metrics", "must name at least one metric")]
    [InlineData("vendor: v\nformat: prometheus-text\nmetrics: [\n", 4, "(syntax)", "not valid YAML")]
    public void Parse_BadMapping_NamesLineFieldAndProblem(string text, int line, string field, string message)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal(("m.yaml", line, field), (error.Source, error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"m.yaml:{line}: {field}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var errors = Errors("vendr: v\nformat: prometheus-text\nmetrics:\n  - {vendor: a, qnet: nope, unit: s}\n  - {vendor: b, qnet: qnet_link_up, unit: ms}\n");

        Assert.Equal(["metrics[0].qnet:4", "metrics[1].unit:5", "vendor:1", "vendr:1"],
            errors.Select(e => $"{e.Field}:{e.Line}").Order(StringComparer.Ordinal));
    }
}
