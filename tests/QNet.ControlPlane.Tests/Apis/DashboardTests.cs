using System.Net;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>
/// The dashboard in headless Chromium: a viewer types the token into a password field, the tables fill from the API
/// under the page's own Content-Security-Policy, and the token appears in no URL, no DOM and no persistent storage.
/// </summary>
[Collection("servers")]
public sealed class DashboardTests(MetroServerFixture fixture)
{
    /// <summary>Where the last screenshot goes, for a person to look at.</summary>
    public static string ScreenshotPath => Path.Combine(Path.GetTempPath(), "qnet-dashboard.png");

    [Fact]
    public async Task Dashboard_TokenTypedInHeadlessChromium_TablesFilledAndTokenNowhereInPageOrUrl()
    {
        var server = fixture.Server;
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(server.Host.ApiUrl, "dashboard"));
        Assert.Equal("password", (await browser.EvaluateAsync("document.getElementById('token').type"))?.GetValue<string>());

        await browser.TypeAsync("#token", server.ViewerToken);
        await browser.EvaluateAsync("document.getElementById('save').click()");
        await browser.WaitForAsync("document.getElementById('status').textContent.startsWith('twin time') && document.querySelectorAll('#links tbody tr').length > 0",
            "the dashboard to fill its tables");

        var html = (await browser.EvaluateAsync("document.documentElement.outerHTML"))!.GetValue<string>();
        foreach (var link in new[] { "alice-r1", "r1-hub", "bob-r2", "r2-hub", "carol-hub", "dave-hub", "alice-bob-qkd" })
        {
            Assert.Contains($"<td>{link}</td>", html);
        }

        Assert.Contains("<td>metro-alice-bob</td>", html);
        Assert.DoesNotContain(server.ViewerToken, html);
        Assert.Equal("", (await browser.EvaluateAsync("document.getElementById('token').value"))?.GetValue<string>());
        Assert.DoesNotContain(server.ViewerToken, (await browser.EvaluateAsync("location.href"))!.GetValue<string>());
        Assert.Equal(server.ViewerToken, (await browser.EvaluateAsync("sessionStorage.getItem('qnet-token')"))?.GetValue<string>());
        Assert.Null(await browser.EvaluateAsync("localStorage.getItem('qnet-token')"));
        // Nothing refused by the page's own policy, no script error, no failed request (the browser's favicon probe aside).
        var problems = browser.LogEntries.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || (e.StartsWith("error", StringComparison.Ordinal) && !e.Contains("favicon", StringComparison.Ordinal))).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        await File.WriteAllBytesAsync(ScreenshotPath, await browser.ScreenshotAsync());
    }

    [Theory]
    [InlineData("dashboard")]
    [InlineData("dashboard/dashboard.js")]
    [InlineData("dashboard/dashboard.css")]
    public async Task Dashboard_Get_ContentSecurityPolicyNoFramingNoSniff(string path)
    {
        using var response = await fixture.Server.Anonymous.GetAsync(path);

        AssertServedLockedDown(response);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    /// <summary>A page's own file answered 200 under a policy of own scripts only, no inline scripts, never framed, no sniffing.</summary>
    internal static void AssertServedLockedDown(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Dashboard_Page_NoInlineScriptOrStyle()
    {
        var html = await fixture.Server.Anonymous.GetStringAsync("dashboard");

        Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("\\son[a-z]+=", RegexOptions.IgnoreCase), html);
    }

    [Theory]
    [InlineData("dashboard?token=")]
    [InlineData("api/v1/topology?token=")]
    [InlineData("api/v1/topology?access_token=")]
    public async Task Get_TokenInQueryString_400AndNotAccepted(string pathAndQuery)
    {
        var server = fixture.Server;
        using var response = await server.Anonymous.GetAsync(pathAndQuery + server.ViewerToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.StartsWith("the query parameter '", problem.GetProperty("detail").GetString());
    }
}
