using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>The console's key-store series follow the twin clock like every other history series, at any time factor.</summary>
[Collection("servers")]
public sealed class ConsoleKmsSamplerTests
{
    private const double TimeFactor = 20;

    [Fact]
    public async Task History_KeyStoreSeriesAtTimeFactor20_SampledOnceInEachSlotOfTwinTimeItReaches()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: TimeFactor);
        var raw = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var answer = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/history?metric=qnet_kms_key_mismatches&since=1h")).RootElement;
            var list = answer.GetProperty("series");
            return list.GetArrayLength() == 1 && list[0].GetProperty("times").GetArrayLength() >= 8 ? list[0].GetRawText() : null;
        }, "eight key-store samples");
        var times = JsonDocument.Parse(raw).RootElement.GetProperty("times").EnumerateArray().Select(t => t.GetInt64()).ToArray();

        // One sample per 5 s slot of twin time, as the SLI sampler takes them.
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second / 5000 > p.First / 5000, $"{p.First} and {p.Second} share a 5 s slot"));
        // The sampler looks at the twin clock every 5 s / 20 = 250 ms of wall time, so most gaps are one slot (5 s of twin
        // time) and a late look skips one now and then. Ticking every 5 s of wall time, as it did, gave gaps of 5 s × 20 =
        // 100 s of twin time: the median gap must stay well under that (half of it leaves room for a loaded machine).
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToArray();
        long median = gaps[gaps.Length / 2];
        Assert.True(median < 5000 * TimeFactor / 2, $"median gap {median} ms of twin time: {string.Join(", ", gaps)}");
    }
}
