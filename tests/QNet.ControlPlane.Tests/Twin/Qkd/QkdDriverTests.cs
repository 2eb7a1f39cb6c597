using System.Diagnostics.Metrics;
using QNet.ControlPlane.Twin;
using QNet.Qkd.PostProcessing.Versions;
using QNet.Sre;

namespace QNet.ControlPlane.Tests.Twin.Qkd;

/// <summary>F7 (configuration skew) and the QBER pause on a seeded twin QKD link, block by block.</summary>
public class QkdDriverTests
{
    [Fact]
    public void Step_ResponderSkewedToVersion4_EveryBlockFailsUntilRollbackThenVerifies()
    {
        var f = new QkdTwinFixture("f7-skew", 10, 0.033, 40_000);
        using var failures = new CounterProbe(MetricCatalogue.QkdKeyVerificationFailures, "f7-skew");
        f.Run(2);
        Assert.Equal(0, f.Driver.VerificationFailures);

        var change = f.Twin.SetQkdConfiguration("f7-skew", QkdLinkEnd.Responder, 4, checkCompatibility: false);
        f.Run(3);
        long afterSkew = f.Driver.VerificationFailures;
        var ends = f.Driver.Configuration.Ends;
        f.Run(2);

        // Every skewed block failed (3 of 3), the third triggered the rollback, and the ends verify again.
        Assert.True(change.Applied);
        Assert.Equal(3, afterSkew);
        Assert.Equal(3, f.Driver.VerificationFailures);
        Assert.Equal((2, 2), (ends.Initiator.Version, ends.Responder.Version));
        Assert.Equal(1, f.Driver.Rollbacks);
        Assert.Equal(3, failures.Total);
        Assert.Equal(["config-changed", "rolled-back"], f.QkdEvents.Select(e => e.Change));
        var rollback = f.QkdEvents[1];
        Assert.Equal("f7-skew", rollback.Link);
        Assert.StartsWith("3 key verification failures in a row (last: the verification tags of the two ends differed)", rollback.Reason);
        Assert.EndsWith("rolled back the responder end (bob) to version 2, the last configuration both ends shared", rollback.Reason);
    }

    [Fact]
    public void SetQkdConfiguration_CheckedUnsupportedVersion_RefusedAsEventAndBlocksStillVerify()
    {
        var f = new QkdTwinFixture("f7-refuse", 10, 0.033, 40_000);

        var change = f.Twin.SetQkdConfiguration("f7-refuse", QkdLinkEnd.Initiator, 3);
        f.Run(2);

        Assert.Equal(QkdConfigurationOutcome.Refused, change.Outcome);
        Assert.Contains("does not support it (they derive the privacy-amplification seed differently", change.Message);
        Assert.Equal(0, f.Driver.VerificationFailures);
        var refused = Assert.Single(f.QkdEvents);
        Assert.Equal("config-refused", refused.Change);
        Assert.Equal(change.Message, refused.Reason);
        Assert.Equal(QkdConfigurationOutcome.UnknownLink, f.Twin.SetQkdConfiguration("nope", QkdLinkEnd.Initiator, 2).Outcome);
    }

    [Fact]
    public void Step_QberAboveAbortThreshold_PausesOnceAndPublishesGaugeAndSnapshot()
    {
        // e_d = 14 %: the estimated QBER sits near 14 %, above the 11 % abort threshold on every block.
        var f = new QkdTwinFixture("f7-pause", 10, 0.14, 40_000);
        using var paused = new GaugeProbe(MetricCatalogue.QkdLinkPaused, "f7-pause");

        f.Run(3);
        f.Twin.Publish(0);

        Assert.True(f.Driver.Paused);
        Assert.Equal(1, f.Driver.Pauses);
        Assert.Equal(1, paused.Read());
        var qkd = Assert.Single(f.Twin.Snapshot.Qkd);
        Assert.True(qkd.Paused);
        var e = Assert.Single(f.QkdEvents);
        Assert.Equal("paused", e.Change);
        Assert.Contains("reached the abort threshold 11.0 %", e.Reason);
        Assert.Equal(1, f.Metrics.Tallies.All.Single(t => t.Metric == MetricCatalogue.QkdLinkPaused && t.Labels["link"] == "f7-pause").Value);
    }

    [Fact]
    public void Step_HealthyLink_NeverPauses()
    {
        var f = new QkdTwinFixture("f7-healthy", 10, 0.033, 40_000);
        using var paused = new GaugeProbe(MetricCatalogue.QkdLinkPaused, "f7-healthy");

        f.Run(3);

        Assert.False(f.Driver.Paused);
        Assert.Equal(0, paused.Read());
        Assert.Empty(f.QkdEvents);
    }

    /// <summary>Sums a counter's measurements for one link (the link ids of these tests are unique to them).</summary>
    private sealed class CounterProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public CounterProbe(string name, string link)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Name == name)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var t in tags)
                {
                    if (t.Key == "link" && (string?)t.Value == link)
                    {
                        Interlocked.Add(ref _total, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Reads an observable gauge's value for one link.</summary>
    private sealed class GaugeProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int? _value;

        public GaugeProbe(string name, string link)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Name == name)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            {
                foreach (var t in tags)
                {
                    if (t.Key == "link" && (string?)t.Value == link)
                    {
                        _value = value;
                    }
                }
            });
            _listener.Start();
        }

        public int? Read()
        {
            _value = null;
            _listener.RecordObservableInstruments();
            return _value;
        }

        public void Dispose() => _listener.Dispose();
    }
}
