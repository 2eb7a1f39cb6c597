using QNet.ControlPlane.GameDays;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>Key delivery reaches the metric history: the QKD links' distilled secret bits, as the incident postmortem reads them.</summary>
public sealed class QkdSecretBitsHistoryTests
{
    [Fact]
    public void Publish_QkdLinksDistilling_SecretBitsCounterInTheHistory()
    {
        var twin = new OfflineTwin(runQkd: true);

        twin.Run(TimeSpan.FromMinutes(5)); // a whole number of 15 s samples: the last step samples what it published

        var series = twin.History.Query(MetricCatalogue.Total(MetricCatalogue.QkdSecretBits), 0, twin.UnixMs);
        Assert.NotEmpty(twin.Twin.Qkd);
        foreach (var q in twin.Twin.Qkd)
        {
            var samples = Assert.Single(series, s => s.Labels["link"] == q.Link.Id).Samples;
            Assert.True(q.SecretBits > 0, $"{q.Link.Id} distilled no key in 5 min");
            Assert.Equal(q.SecretBits, samples[^1].Value);
            Assert.True(samples[0].Value < samples[^1].Value, "the counter grows as blocks are distilled");
        }
    }
}
