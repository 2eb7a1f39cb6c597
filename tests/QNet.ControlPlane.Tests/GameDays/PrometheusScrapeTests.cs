using QNet.ControlPlane.GameDays;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>The live game day's reading of <c>/metrics</c> (Prometheus text format 0.0.4).</summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public void Parse_ExpositionWithCommentsLabelsAndSpecialValues_EverySampleWithItsLabels()
    {
        const string text = "# TYPE qnet_link_pairs_generated_total counter\n"
            + "# HELP qnet_link_pairs_generated_total Pairs.\n"
            + "qnet_link_pairs_generated_total{otel_scope_name=\"QNet.Twin\",link=\"carol-hub\"} 147928 1733520000000\n"
            + "qnet_heralding_latency_seconds_bucket{link=\"a-b\",le=\"+Inf\"} 12\r\n"
            + "process_up 1\n"
            + "\n"
            + "odd{note=\"say \\\"hi\\\", a\\\\b\"} NaN\n"
            + "gauge{link=\"x\"} -Inf\n";

        var samples = PrometheusScrape.Parse(text);

        Assert.Equal(5, samples.Count);
        Assert.Equal(("qnet_link_pairs_generated_total", 147928.0), (samples[0].Metric, samples[0].Value));
        Assert.Equal("carol-hub", samples[0].Labels["link"]);
        Assert.Equal("QNet.Twin", samples[0].Labels["otel_scope_name"]);
        Assert.Equal("+Inf", samples[1].Labels["le"]);
        Assert.Equal(12, samples[1].Value);
        Assert.Equal(("process_up", 1.0, 0), (samples[2].Metric, samples[2].Value, samples[2].Labels.Count));
        Assert.Equal("say \"hi\", a\\b", samples[3].Labels["note"]);
        Assert.True(double.IsNaN(samples[3].Value));
        Assert.Equal(double.NegativeInfinity, samples[4].Value);
    }
}
