using System.Diagnostics;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>Headless Chromium loads /dashboard with a viewer token; after its scripts ran, the DOM holds the link table filled from the API.</summary>
[Collection("servers")]
public sealed class DashboardTests(MetroServerFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_HeadlessChromium_ShowsLinkAndSessionTables()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (CI installs it)");
        var server = fixture.Server;
        var profile = Path.Combine(Path.GetTempPath(), $"qnet-chromium-{Guid.NewGuid():N}");
        try
        {
            var info = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
                $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(server.Host.ApiUrl, $"dashboard?token={server.ViewerToken}").ToString() })
            {
                info.ArgumentList.Add(a);
            }
            using var process = Process.Start(info)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var html = await dom;
            Assert.Contains("<table id=\"links\">", html);
            foreach (var link in new[] { "alice-r1", "r1-hub", "bob-r2", "r2-hub", "carol-hub", "dave-hub", "alice-bob-qkd" })
            {
                Assert.Contains($"<td>{link}</td>", html);
            }
            Assert.Contains("<td>metro-alice-bob</td>", html);
            Assert.Contains("<p id=\"status\">twin time", html);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
