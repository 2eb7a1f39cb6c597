using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>
/// The operator console in headless Chromium against the metro network at time factor 2: every view loads under the
/// page's CSP without a console error, its charts get data points, the map has every link, a fault injected through
/// the Actions view turns its link red on the map, a viewer never sees the action controls and is refused by the
/// server, and the token is in no URL. Screenshots of each view go to <see cref="ArtifactsDirectory"/>.
/// </summary>
[Collection("servers")]
public sealed class ConsoleBrowserTests(MetroServerFixture fixture)
{
    /// <summary>Where the screenshots go.</summary>
    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts", "console");

    private static readonly string[] MetroLinks = ["alice-r1", "r1-hub", "bob-r2", "r2-hub", "carol-hub", "dave-hub", "alice-bob-qkd"];

    /// <summary>Views and how many of their charts must show data points (the key store's pools may have none yet).</summary>
    private static readonly (string View, int ChartsWithData)[] Views =
        [("map", 0), ("exec", 2), ("oncall", 5), ("debug", 2), ("keys", 1), ("incidents", 0), ("actions", 0)];

    internal static async Task<HeadlessChromium> SignInAsync(ControlPlaneServer server, string token, int width = 1280, int height = 800, bool mobile = false)
    {
        var browser = await HeadlessChromium.StartAsync();
        await browser.SetViewportAsync(width, height, mobile);
        await browser.NavigateAsync(new Uri(server.Host.ApiUrl, "console"));
        await browser.TypeAsync("#token", token);
        await browser.EvaluateAsync("document.getElementById('save').click()");
        await browser.WaitForAsync("document.body.dataset.ready === 'map'", "the map view");
        return browser;
    }

    internal static async Task ShowAsync(HeadlessChromium browser, string view, int chartsWithData)
    {
        await browser.EvaluateAsync($"location.hash = '#{view}'");
        await browser.WaitForAsync($"document.body.dataset.ready === '{view}' && document.querySelector('#nav a.active')?.dataset.view === '{view}'", $"the {view} view");
        if (chartsWithData > 0)
        {
            await browser.WaitForAsync($"[...document.querySelectorAll('[data-chart]')].filter(c => Number(c.dataset.points) > 0).length >= {chartsWithData}",
                $"{chartsWithData} charts of {view} with data points");
        }
    }

    internal static void AssertNoConsoleProblems(HeadlessChromium browser)
    {
        var problems = browser.LogEntries.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || (e.StartsWith("error", StringComparison.Ordinal) && !e.Contains("favicon", StringComparison.Ordinal))).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task AssertNoHorizontalScrollAsync(HeadlessChromium browser, string view)
    {
        var widths = (await browser.EvaluateAsync("[document.documentElement.scrollWidth, document.documentElement.clientWidth]"))!.AsArray();
        Assert.True(widths[0]!.GetValue<int>() <= widths[1]!.GetValue<int>(), $"{view} scrolls horizontally: {widths.ToJsonString()}");
    }

    private static async Task AssertTokenInNoUrlAsync(HeadlessChromium browser, string token)
    {
        var urls = (await browser.EvaluateAsync("[location.href, ...performance.getEntriesByType('resource').map(e => e.name)]"))!.AsArray().Select(u => u!.GetValue<string>()).ToList();
        Assert.True(urls.Count > 5, "the console made its requests");
        Assert.DoesNotContain(urls, u => u.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(token, (await browser.EvaluateAsync("document.documentElement.outerHTML"))!.GetValue<string>());
    }

    [Fact]
    public async Task Console_EveryViewAsOperator_LoadsWithoutConsoleErrorChartsHaveDataNoTokenInUrl()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.OperatorToken);
        Directory.CreateDirectory(ArtifactsDirectory);
        foreach (var (view, charts) in Views)
        {
            await ShowAsync(browser, view, charts);
            await AssertNoHorizontalScrollAsync(browser, view);
            if (view == "incidents")
            {
                // The incident record answers: the view lists incidents (or says there are none), never that the record is missing.
                string text = (await browser.EvaluateAsync("document.getElementById('main').textContent"))!.GetValue<string>();
                Assert.DoesNotContain("no incident record on this server", text);
                Assert.True(text.Contains("opened", StringComparison.Ordinal) || text.Contains("no incidents", StringComparison.Ordinal), text);
            }
            await File.WriteAllBytesAsync(Path.Combine(ArtifactsDirectory, $"console-{view}.png"), await browser.ScreenshotAsync());
        }

        AssertNoConsoleProblems(browser);
        await AssertTokenInNoUrlAsync(browser, server.OperatorToken);
        Assert.Equal(server.OperatorToken, (await browser.EvaluateAsync("sessionStorage.getItem('qnet-token')"))?.GetValue<string>());
        Assert.Null(await browser.EvaluateAsync("localStorage.getItem('qnet-token')"));
    }

    /// <summary>
    /// Page weight and load time of the first view (the map), for docs/benchmarks.md: the bytes of script the browser
    /// ran and received are asserted (deterministic); the times are only written to console-perf.json, never asserted.
    /// </summary>
    [Fact]
    public async Task Console_FirstView_ScriptsUnder500KilobytesAndTimesRecorded()
    {
        var server = fixture.Server;
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.SetViewportAsync(1280, 800);
        await browser.NavigateAsync(new Uri(server.Host.ApiUrl, "console"));
        await browser.TypeAsync("#token", server.ViewerToken);
        await browser.EvaluateAsync("window.qnetSignIn = performance.now(); document.getElementById('save').click()");
        await browser.WaitForAsync("document.body.dataset.ready === 'map'", "the map view");
        var cold = (await browser.EvaluateAsync("""
            ({ signInToMapMs: performance.getEntriesByName('qnet-view-ready').at(-1).startTime - window.qnetSignIn,
               scripts: performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).filter(e => e.name.endsWith('.js'))
                 .map(e => ({ name: new URL(e.name).pathname, decoded: e.decodedBodySize, transferred: e.encodedBodySize })) })
            """))!;
        // A second visit in the same tab: the token is in sessionStorage and the libraries in the browser cache.
        await browser.EvaluateAsync("window.qnetBeforeReload = true; location.reload()");
        await browser.WaitForAsync("!window.qnetBeforeReload && document.body?.dataset.ready === 'map' && performance.getEntriesByName('qnet-view-ready').length > 0",
            "the map view after a reload");
        var warm = (await browser.EvaluateAsync("""
            ({ domInteractiveMs: performance.getEntriesByType('navigation')[0].domInteractive,
               whoamiMs: performance.getEntriesByName('qnet-whoami').at(-1).startTime,
               mapDataMs: performance.getEntriesByName('qnet-map-data').at(-1).startTime,
               mapReadyMs: performance.getEntriesByName('qnet-view-ready').at(-1).startTime })
            """))!;

        var scripts = cold["scripts"]!.AsArray();
        long decoded = scripts.Sum(s => s!["decoded"]!.GetValue<long>());
        long transferred = scripts.Sum(s => s!["transferred"]!.GetValue<long>());
        Assert.Contains(scripts, s => s!["name"]!.GetValue<string>() == "/console/vendor/cytoscape-3.34.4.min.js");
        Assert.DoesNotContain(scripts, s => s!["name"]!.GetValue<string>().Contains("uplot", StringComparison.Ordinal));
        Assert.InRange(decoded, 400_000, 500_000);
        Assert.True(transferred < decoded / 2, $"scripts go compressed: {transferred} of {decoded} bytes");
        var figures = new System.Text.Json.Nodes.JsonObject
        {
            ["scriptBytes"] = decoded,
            ["scriptBytesTransferred"] = transferred,
            ["signInToMapMs"] = cold["signInToMapMs"]!.DeepClone(),
            ["reloadDomInteractiveMs"] = warm["domInteractiveMs"]!.DeepClone(),
            ["reloadWhoamiMs"] = warm["whoamiMs"]!.DeepClone(),
            ["reloadMapDataMs"] = warm["mapDataMs"]!.DeepClone(),
            ["reloadMapReadyMs"] = warm["mapReadyMs"]!.DeepClone(),
            ["scripts"] = scripts.DeepClone(),
        };
        Directory.CreateDirectory(ArtifactsDirectory);
        await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, "console-perf.json"), figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public async Task Console_PhoneWidth_EveryViewWithoutHorizontalScroll()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.ViewerToken, 390, 844, mobile: true);
        foreach (var (view, _) in Views.Where(v => v.View != "actions"))
        {
            await ShowAsync(browser, view, 0);
            await AssertNoHorizontalScrollAsync(browser, view);
        }
        await ShowAsync(browser, "oncall", 5);
        await AssertNoHorizontalScrollAsync(browser, "oncall with charts");
        await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(ArtifactsDirectory).FullName, "console-oncall-phone.png"), await browser.ScreenshotAsync());
        AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Map_DefaultNetwork_EveryLinkDrawnAndColouredUp()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.ViewerToken);

        await browser.WaitForAsync("window.qnetMap && window.qnetMap.edges().every(e => e.data('state'))", "link states on the map");
        var edges = (await browser.EvaluateAsync("window.qnetMap.edges().map(e => e.id())"))!.AsArray().Select(e => e!.GetValue<string>()).Order().ToArray();
        Assert.Equal(MetroLinks.Order().ToArray(), edges);
        Assert.Equal(7, (await browser.EvaluateAsync("window.qnetMap.nodes().length"))!.GetValue<int>());
        Assert.Equal("star", (await browser.EvaluateAsync("window.qnetMap.getElementById('hub').style('shape')"))!.GetValue<string>());
        Assert.Equal("diamond", (await browser.EvaluateAsync("window.qnetMap.getElementById('r1').style('shape')"))!.GetValue<string>());
        Assert.Equal("ellipse", (await browser.EvaluateAsync("window.qnetMap.getElementById('alice').style('shape')"))!.GetValue<string>());
        AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Actions_FaultInjectedThroughConsole_LinkTurnsRedOnMap()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.OperatorToken);
        await browser.WaitForAsync("window.qnetMap && window.qnetMap.getElementById('carol-hub').data('state') === 'up'", "carol-hub up before the fault");
        try
        {
            await ShowAsync(browser, "actions", 0);
            await browser.EvaluateAsync("document.getElementById('fault-kind').value = 'link-cut'; document.getElementById('fault-target').value = 'carol-hub'");
            await browser.EvaluateAsync("document.getElementById('fault-inject').click()");
            await browser.WaitForAsync("document.getElementById('action-result').textContent === 'done'", "the fault to be accepted");

            await ShowAsync(browser, "map", 0);
            await browser.WaitForAsync("window.qnetMap.getElementById('carol-hub').data('state') === 'down'", "carol-hub to turn down on the map");
            Assert.Equal("rgb(198,40,40)", (await browser.EvaluateAsync("window.qnetMap.getElementById('carol-hub').style('line-color')"))!.GetValue<string>().Replace(" ", ""));
            Assert.Equal("up", (await browser.EvaluateAsync("window.qnetMap.getElementById('dave-hub').data('state')"))!.GetValue<string>());
            AssertNoConsoleProblems(browser);
        }
        finally
        {
            using var faults = await server.Operator.GetAsync("api/v1/faults");
            foreach (var f in JsonDocument.Parse(await faults.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Where(f => f.GetProperty("active").GetBoolean()))
            {
                (await server.Operator.DeleteAsync($"api/v1/faults/{f.GetProperty("id").GetString()}")).Dispose();
            }
        }
    }

    [Fact]
    public async Task Actions_ViewerToken_NoControlsAndForgedRequestsRefused403()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.ViewerToken);

        Assert.True((await browser.EvaluateAsync("document.getElementById('nav-actions').hidden"))!.GetValue<bool>());
        await browser.EvaluateAsync("location.hash = '#actions'");
        await browser.WaitForAsync("location.hash === '#map' && document.body.dataset.ready === 'map'", "the console to send a viewer back to the map");
        Assert.Equal(0, (await browser.EvaluateAsync("document.querySelectorAll('form.action, #fault-form, #maint-form, #calibrate-form, button.clear-fault').length"))!.GetValue<int>());

        // A request forged in the page with the viewer's own token: the server refuses every action.
        var statuses = (await browser.EvaluateAsync("""
            Promise.all([
              ['/api/v1/faults', { kind: 'link-cut', target: 'carol-hub' }],
              ['/api/v1/maintenance', { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', matchers: {} }],
              ['/api/v1/calibrations', { link: 'carol-hub' }],
            ].map(([path, body]) => fetch(path, { method: 'POST', headers: { Authorization: 'Bearer ' + sessionStorage.getItem('qnet-token'), 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(r => r.status)))
            """))!.AsArray().Select(s => s!.GetValue<int>()).ToArray();
        Assert.Equal([403, 403, 403], statuses);
        await AssertTokenInNoUrlAsync(browser, server.ViewerToken);
    }
}
