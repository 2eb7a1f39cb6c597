using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Apis;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>The console's files and its read APIs over HTTP, against the metro network at time factor 2.</summary>
[Collection("servers")]
public sealed class ConsoleApiTests(MetroServerFixture fixture)
{
    [Theory]
    [InlineData("console")]
    [InlineData("console/console.js")]
    [InlineData("console/vendor/uplot-1.6.32.min.js")]
    [InlineData("console/vendor/cytoscape-3.34.4.min.js")]
    public async Task Console_Get_ContentSecurityPolicyNoFramingNoSniff(string path)
    {
        using var response = await fixture.Server.Anonymous.GetAsync(path);

        DashboardTests.AssertServedLockedDown(response);
    }

    [Fact]
    public async Task VendorFile_GetWithGzip_CompressedAndCachedForAYear()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "console/vendor/cytoscape-3.34.4.min.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await fixture.Server.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString());
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(compressed.Length, 1, 200_000);
    }

    [Fact]
    public async Task Root_Get_RedirectsToConsole()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Host.ApiUrl };
        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("api/v1/history", "metric")]
    [InlineData("api/v1/history?metric=qnet_nonsense", "metric")]
    [InlineData("api/v1/history?metric=qnet_link_up&labels=link", "labels")]
    [InlineData("api/v1/history?metric=qnet_link_up&since=soon", "since")]
    public async Task History_BadQuery_400ProblemNamingTheField(string pathAndQuery, string field)
    {
        using var response = await fixture.Server.Viewer.GetAsync(pathAndQuery);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task History_NoToken_401()
    {
        using var response = await fixture.Server.Anonymous.GetAsync("api/v1/history?metric=qnet_link_up");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task History_LinkRate_SamplesFiveSecondsApartForTheLink()
    {
        var server = fixture.Server;
        var raw = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var answer = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/history?metric=qnet_link_pairs_generated&labels=link=alice-r1&since=1h")).RootElement;
            var list = answer.GetProperty("series");
            return list.GetArrayLength() == 1 && list[0].GetProperty("times").GetArrayLength() >= 3 ? list[0].GetRawText() : null;
        }, "three rate samples of alice-r1");
        var series = JsonDocument.Parse(raw).RootElement;

        Assert.Equal("alice-r1", series.GetProperty("labels").GetProperty("link").GetString());
        var times = series.GetProperty("times").EnumerateArray().Select(t => t.GetInt64()).ToArray();
        var values = series.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // One sample per 5 s slot of twin time, taken at the first twin step in the slot.
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second / 5000 > p.First / 5000, $"{p.First} and {p.Second} share a 5 s slot"));
        Assert.All(values, v => Assert.True(v > 0, "a healthy link generates pairs"));
    }

    [Fact]
    public async Task Thresholds_DefaultSlos_LinkRateFidelityDriftAndApiLatency()
    {
        var thresholds = JsonDocument.Parse(await fixture.Server.Viewer.GetStringAsync("api/v1/console/thresholds")).RootElement
            .EnumerateArray().ToDictionary(t => t.GetProperty("metric").GetString()!, t => t.GetProperty("value").GetDouble());

        Assert.Equal(10, thresholds["qnet_link_pairs_generated"]);
        Assert.Equal(0.9, thresholds["qnet_link_pair_fidelity"]);
        Assert.Equal(0.05, thresholds["qnet_calibration_drift_ratio"]);
        Assert.Equal(0.25, thresholds["http_server_request_duration_seconds"]);
    }

    [Fact]
    public async Task WhoAmI_ViewerAndOperator_TheirRoles()
    {
        var viewer = JsonDocument.Parse(await fixture.Server.Viewer.GetStringAsync("api/v1/console/whoami")).RootElement;
        var op = JsonDocument.Parse(await fixture.Server.Operator.GetStringAsync("api/v1/console/whoami")).RootElement;

        Assert.Equal("viewer", viewer.GetProperty("role").GetString());
        Assert.Equal("operator", op.GetProperty("role").GetString());
        Assert.Contains(op.GetProperty("faultKinds").EnumerateArray(), k => k.GetProperty("name").GetString() == "link-cut");
    }
}
