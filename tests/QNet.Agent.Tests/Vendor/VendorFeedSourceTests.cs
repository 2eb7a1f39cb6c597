using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

/// <summary><c>qnet agent --vendor-feed</c>: which locations are read, and a real feed's payloads normalized into samples.</summary>
public sealed class VendorFeedSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-feed-source-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string VendorFile(string vendor, string file) => Path.Combine(QnetPaths.RepositoryRoot, "deploy", "agents", "vendors", vendor, file);

    [Theory]
    [InlineData("http://127.0.0.1:9100/metrics")]
    [InlineData("https://device.example/telemetry")]
    public void Problem_HttpUrl_Accepted(string url) => Assert.Null(VendorFeedLocation.Problem(url));

    [Theory]
    [InlineData("ftp://127.0.0.1/telemetry", "is a ftp URL; only http and https")]
    [InlineData("http://", "is not a valid URL")]
    [InlineData("  ", "is empty")]
    public void Problem_BadUrl_NamesTheOptionAndWhy(string location, string why)
    {
        var problem = VendorFeedLocation.Problem(location);
        Assert.NotNull(problem);
        Assert.StartsWith("--vendor-feed: ", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_MissingFileOrAFolder_Refused_AnExistingFileAccepted()
    {
        var file = Path.Combine(_dir, "telemetry.jsonl");
        Assert.Contains($"no file at '{file}'", VendorFeedLocation.Problem(file), StringComparison.Ordinal);
        Assert.Contains("is a folder", VendorFeedLocation.Problem(_dir), StringComparison.Ordinal);
        File.WriteAllText(file, "");
        Assert.Null(VendorFeedLocation.Problem(file));
        Assert.IsType<FileVendorFeed>(VendorFeedLocation.Open(file, new HttpClient()));
        Assert.Throws<ArgumentException>(() => VendorFeedLocation.Open("ftp://x/y", new HttpClient()));
    }

    [Fact]
    public void Read_FileFeedAppendedByTheController_NormalizedOnceWithTheAccounting()
    {
        var file = Path.Combine(_dir, "telemetry.jsonl");
        File.WriteAllText(file, "");
        var mapping = VendorMappingLoader.Load(VendorFile("photonix", "mapping.yaml"));
        var logged = new List<string>();
        var source = new VendorFeedSource(new FileVendorFeed(file), [], mapping, new TelemetryNormalizer(mapping, "alice"), TimeSpan.FromSeconds(5), logged.Add);

        File.AppendAllText(file, File.ReadAllText(VendorFile("photonix", "sample.jsonl")));
        var first = source.Read(DateTimeOffset.UnixEpoch);
        var second = source.Read(DateTimeOffset.UnixEpoch);

        Assert.Equal(25, Assert.Single(first.Samples, s => s.Metric == "qnet_detector_dark_count_rate_hertz" && s.Labels["device"] == "spd-a").Value, 9);
        Assert.Contains(first.Samples, s => s.Metric == "qnet_agent_telemetry_unknown" && s.Labels["vendor_metric"] == "LaserTempC");
        Assert.Empty(first.Heralds);
        // Nothing new: only the running counts go again.
        Assert.DoesNotContain(second.Samples, s => s.Metric == "qnet_detector_dark_count_rate_hertz");
        Assert.Equal(0, source.FailedReads);
        Assert.Empty(logged);
    }

    [Fact]
    public void Read_DeviceDoesNotAnswer_CountedLoggedAndTriedAgain()
    {
        var mapping = VendorMappingLoader.Load(VendorFile("qubitworks", "mapping.yaml"));
        var logged = new List<string>();
        using var http = new HttpClient();
        using var down = new RefusingPort();
        var url = new Uri($"http://127.0.0.1:{down.Port}/metrics");
        var source = new VendorFeedSource(new HttpVendorFeed(http, url), [], mapping, new TelemetryNormalizer(mapping, "bob"), TimeSpan.FromSeconds(5), logged.Add);

        var reading = source.Read(DateTimeOffset.UnixEpoch);
        source.Read(DateTimeOffset.UnixEpoch);

        Assert.Equal(2, source.FailedReads);
        Assert.DoesNotContain(reading.Samples, s => s.Metric == "qnet_detector_dark_count_rate_hertz");
        Assert.Equal(2, logged.Count);
        Assert.All(logged, l => Assert.Contains("reading the feed failed", l, StringComparison.Ordinal));
    }
}
