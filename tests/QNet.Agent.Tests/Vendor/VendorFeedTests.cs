using System.Net;
using System.Text;
using QNet.Agent.Telemetry.Vendor;
using QNet.Testing;

namespace QNet.Agent.Tests.Vendor;

public sealed class VendorFeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-feed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task FileFeed_AppendedLines_AreReadOnceAndAPartialLineWaitsForItsNewline()
    {
        var path = Path.Combine(_dir, "telemetry.jsonl");
        var feed = new FileVendorFeed(path);

        Assert.Equal("", await feed.ReadAsync(default));
        await File.WriteAllTextAsync(path, "{\"a\":1}\n{\"b\":2}\n{\"c\":");
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", await feed.ReadAsync(default));
        Assert.Equal("", await feed.ReadAsync(default));
        await File.AppendAllTextAsync(path, "3}\n");
        Assert.Equal("{\"c\":3}\n", await feed.ReadAsync(default));
    }

    [Fact]
    public async Task FileFeed_TruncatedFile_IsReadAgainFromItsStart()
    {
        var path = Path.Combine(_dir, "telemetry.jsonl");
        var feed = new FileVendorFeed(path);
        await File.WriteAllTextAsync(path, "{\"old\":1}\n{\"old\":2}\n");
        await feed.ReadAsync(default);

        await File.WriteAllTextAsync(path, "{\"new\":1}\n");

        Assert.Equal("{\"new\":1}\n", await feed.ReadAsync(default));
    }

    [Fact]
    public async Task HttpFeed_DeviceMetricsPage_IsReadAndAnErrorStatusIsNamed()
    {
        var port = LoopbackPort.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            for (int i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = context.Request.Url!.AbsolutePath == "/metrics" ? 200 : 503;
                var body = Encoding.UTF8.GetBytes("qw_mem_t2_ms 1.48\n");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        using var client = new HttpClient();

        var text = await new HttpVendorFeed(client, new Uri($"http://127.0.0.1:{port}/metrics")).ReadAsync(default);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpVendorFeed(client, new Uri($"http://127.0.0.1:{port}/down")).ReadAsync(default));
        await serving;

        Assert.Equal("qw_mem_t2_ms 1.48\n", text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("/down: the device answered 503", error.Message, StringComparison.Ordinal);
    }
}
