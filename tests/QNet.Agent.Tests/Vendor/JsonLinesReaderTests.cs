using QNet.Agent.Telemetry.Vendor;

namespace QNet.Agent.Tests.Vendor;

public sealed class JsonLinesReaderTests
{
    private static readonly JsonLinesFields Fields = new("param", "val", "ts", ["dev", "ch"]);

    private static (List<VendorReading> Readings, List<RejectedLine> Rejected) Read(string text)
    {
        var readings = new List<VendorReading>();
        var rejected = new List<RejectedLine>();
        new JsonLinesReader(Fields).Read(text, readings, rejected);
        return (readings, rejected);
    }

    [Fact]
    public void Read_ObjectsWithNamedFields_ReadsMetricValueTimeAndLabels()
    {
        var (readings, rejected) = Read(
            "{\"ts\":\"2026-12-06T21:00:00Z\",\"dev\":\"spd\",\"ch\":3,\"param\":\"DarkRate\",\"val\":0.025,\"other\":\"ignored\"}\n\n" +
            "{\"ts\":1796590800.5,\"param\":\"T2\",\"val\":\"1480\"}\r\n");

        Assert.Empty(rejected);
        Assert.Equal(2, readings.Count);
        Assert.Equal(("DarkRate", 0.025, 1), (readings[0].Metric, readings[0].Value, readings[0].Line));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero), readings[0].ReadAt);
        Assert.Equal(["ch", "dev"], readings[0].Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("3", readings[0].Labels["ch"]);
        Assert.Equal(("T2", 1480.0, 3), (readings[1].Metric, readings[1].Value, readings[1].Line));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 0, 0, 500, TimeSpan.Zero), readings[1].ReadAt);
        Assert.Empty(readings[1].Labels);
    }

    [Theory]
    [InlineData("{\"param\": \"T2\", \"val\": ", RejectReason.Malformed, "not a JSON object")]
    [InlineData("[1, 2]", RejectReason.Malformed, "JSON object")]
    [InlineData("{\"val\": 1}", RejectReason.MissingField, "'param'")]
    [InlineData("{\"param\": \"\", \"val\": 1}", RejectReason.MissingField, "'param'")]
    [InlineData("{\"param\": \"T2\"}", RejectReason.MissingField, "'val'")]
    [InlineData("{\"param\": \"T2\", \"val\": \"high\"}", RejectReason.MissingField, "'val'")]
    [InlineData("{\"param\": \"T2\", \"val\": \"NaN\"}", RejectReason.NonFinite, "NaN")]
    [InlineData("{\"param\": \"T2\", \"val\": 1, \"ts\": \"yesterday\"}", RejectReason.BadTime, "'ts'")]
    [InlineData("{\"param\": \"T2\", \"val\": 1, \"ts\": true}", RejectReason.BadTime, "'ts'")]
    public void Read_BadLine_IsRejectedWithLineAndReason(string line, RejectReason reason, string detail)
    {
        var (readings, rejected) = Read("{\"param\":\"a\",\"val\":1}\n" + line + "\n{\"param\":\"b\",\"val\":2}");

        Assert.Equal(["a", "b"], readings.Select(r => r.Metric));
        var r = Assert.Single(rejected);
        Assert.Equal(2, r.Line);
        Assert.Equal(reason, r.Reason);
        Assert.Contains(detail, r.Detail, StringComparison.Ordinal);
    }
}
