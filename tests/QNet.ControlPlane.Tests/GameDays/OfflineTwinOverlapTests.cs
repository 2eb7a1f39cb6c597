using QNet.ControlPlane.GameDays;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.GameDays;

/// <summary>
/// An offline game day evaluates each sample's SLO rules on a worker thread while the twin runs its next step. The
/// alerts a sample's callback reads, the history it reads at the sample's instant and the samples' order must be those
/// of the run that evaluates in line, sample after sample; only the twin itself is a step ahead during the callback.
/// </summary>
public sealed class OfflineTwinOverlapTests
{
    private const string CutLink = "carol-hub";

    [Fact]
    public void RunUntil_Overlapped_EverySampleReadsTheAlertsAndHistoryOfTheRunInLine()
    {
        var inLine = new OfflineTwin();
        var overlapped = new OfflineTwin();
        var expected = new List<string>();
        var seen = new List<string>();
        var taken = new List<double>();

        inLine.Run(TimeSpan.FromMinutes(3));
        overlapped.Run(TimeSpan.FromMinutes(3));
        inLine.Inject(FaultKind.LinkCut, CutLink, 0);
        overlapped.Inject(FaultKind.LinkCut, CutLink, 0);
        inLine.RunUntil(15 * 60, () => expected.Add(Reading(inLine, inLine.Seconds, inLine.UnixMs)));
        overlapped.RunUntil(15 * 60, taken.Add, seconds =>
        {
            // The twin is past the sample (one step ahead, or at the end), and the history holds nothing newer than it.
            Assert.True(overlapped.Seconds >= seconds);
            long unixMs = OfflineTwin.Epoch.AddSeconds(seconds).ToUnixTimeMilliseconds();
            seen.Add(Reading(overlapped, seconds, unixMs));
        });

        Assert.Equal(expected, seen);
        Assert.Equal((15 - 3) * 4, taken.Count); // a sample every 15 s from minute 3 to 15
        Assert.Contains(seen, r => r.Contains("QNetLinkDown=firing", StringComparison.Ordinal));
        Assert.Equal(inLine.Seconds, overlapped.Seconds);
    }

    // The sample's time, every alert with its status and times, and the latest sampled link-up of the cut link at or before it.
    private static string Reading(OfflineTwin twin, double seconds, long unixMs)
    {
        var alerts = twin.Monitor.Alerts
            .Select(a => $"{a.Name}={a.Status}@{a.ActiveAt:O}/{a.FiredAt:O}/{a.ResolvedAt:O}/{a.Value:R}")
            .Order(StringComparer.Ordinal);
        var up = twin.History.Query(Sre.MetricCatalogue.LinkUp, unixMs - 60_000, unixMs)
            .Where(s => s.Labels.GetValueOrDefault("link") == CutLink)
            .Select(s => $"{s.Samples[^1].UnixMs}:{s.Samples[^1].Value:R}");
        return $"{seconds:R} {string.Join(";", alerts)} up {string.Join(";", up)}";
    }
}
