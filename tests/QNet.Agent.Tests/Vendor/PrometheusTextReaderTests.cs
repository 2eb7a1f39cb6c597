using QNet.Agent.Telemetry.Vendor;

namespace QNet.Agent.Tests.Vendor;

public sealed class PrometheusTextReaderTests
{
    private static (List<VendorReading> Readings, List<RejectedLine> Rejected) Read(string text)
    {
        var readings = new List<VendorReading>();
        var rejected = new List<RejectedLine>();
        new PrometheusTextReader().Read(text, readings, rejected);
        return (readings, rejected);
    }

    [Fact]
    public void Read_SampleLinesWithCommentsLabelsAndTimestamps_ReadsEach()
    {
        var (readings, rejected) = Read("# HELP a_b x\n# TYPE a_b gauge\na_b{x=\"1\",y=\"two\"} 2.5 1796590800000\r\nc:d 1e-3\n\n  e_f{} -4\n");

        Assert.Empty(rejected);
        Assert.Equal(3, readings.Count);
        Assert.Equal(("a_b", 2.5, 3), (readings[0].Metric, readings[0].Value, readings[0].Line));
        Assert.Equal("1", readings[0].Labels["x"]);
        Assert.Equal("two", readings[0].Labels["y"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero), readings[0].ReadAt);
        Assert.Equal(("c:d", 1e-3, 4), (readings[1].Metric, readings[1].Value, readings[1].Line));
        Assert.Null(readings[1].ReadAt);
        Assert.Equal(("e_f", -4.0, 6), (readings[2].Metric, readings[2].Value, readings[2].Line));
    }

    [Fact]
    public void Read_EscapedLabelValue_Unescapes()
    {
        var (readings, rejected) = Read("m{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\n\", trailing=\"x\",} 1");

        Assert.Empty(rejected);
        Assert.Equal("C:\\dir", readings[0].Labels["path"]);
        Assert.Equal("say \"hi\"\n", readings[0].Labels["msg"]);
        Assert.Equal("x", readings[0].Labels["trailing"]);
    }

    [Theory]
    [InlineData("m{a=1} 2", RejectReason.Malformed, "double quotes")]
    [InlineData("m{a=\"1\" 2", RejectReason.Malformed, "','")]
    [InlineData("m{a=\"1} 2", RejectReason.Malformed, "closing quote")]
    [InlineData("m{a=\"1\",a=\"2\"} 3", RejectReason.Malformed, "twice")]
    [InlineData("m twelve", RejectReason.Malformed, "not a number")]
    [InlineData("m", RejectReason.Malformed, "expected a value")]
    [InlineData("m 1 2 3", RejectReason.Malformed, "expected a value")]
    [InlineData("{a=\"1\"} 2", RejectReason.Malformed, "metric name")]
    [InlineData("9m 2", RejectReason.Malformed, "metric name")]
    [InlineData("m NaN", RejectReason.NonFinite, "NaN")]
    [InlineData("m +Inf", RejectReason.NonFinite, "+Inf")]
    [InlineData("m 1 soon", RejectReason.BadTime, "unix milliseconds")]
    public void Read_BadLine_IsRejectedWithLineAndReason(string line, RejectReason reason, string detail)
    {
        var (readings, rejected) = Read("ok 1\n" + line + "\nok 2");

        Assert.Equal([1.0, 2.0], readings.Select(r => r.Value));
        var r = Assert.Single(rejected);
        Assert.Equal(2, r.Line);
        Assert.Equal(reason, r.Reason);
        Assert.Contains(detail, r.Detail, StringComparison.Ordinal);
    }
}
