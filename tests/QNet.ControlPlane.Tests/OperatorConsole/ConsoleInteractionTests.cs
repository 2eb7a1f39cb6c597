using System.Text.Json;
using QNet.ControlPlane.Tests.Support;
using static QNet.ControlPlane.Tests.OperatorConsole.ConsoleBrowserTests;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>
/// The console driven with real mouse input in headless Chromium: a click on a map node or link opens its detail page,
/// a drag on a chart zooms it and the zoom survives the live refresh, tick labels never repeat, and an operator opens
/// a maintenance window and runs a calibration job from the Actions view (a viewer gets neither: ConsoleBrowserTests).
/// </summary>
[Collection("servers")]
public sealed class ConsoleInteractionTests(MetroServerFixture fixture)
{
    /// <summary>Viewport point of a map element: its rendered position (a link's midpoint) plus the map box's offset.</summary>
    private static async Task<(double X, double Y)> MapPointAsync(HeadlessChromium browser, string id)
    {
        var point = (await browser.EvaluateAsync($$"""
            (() => { const e = window.qnetMap.getElementById('{{id}}'), box = document.getElementById('cy').getBoundingClientRect();
                     const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint(); return [box.left + p.x, box.top + p.y]; })()
            """))!.AsArray();
        return (point[0]!.GetValue<double>(), point[1]!.GetValue<double>());
    }

    private static async Task<(double X, double Y, double Width, double Height)> RectAsync(HeadlessChromium browser, string selector)
    {
        var r = (await browser.EvaluateAsync($"(() => {{ const r = document.querySelector({JsonSerializer.Serialize(selector)}).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }})()"))!.AsArray();
        return (r[0]!.GetValue<double>(), r[1]!.GetValue<double>(), r[2]!.GetValue<double>(), r[3]!.GetValue<double>());
    }

    private static async Task<string> TextAsync(HeadlessChromium browser, string expression) => (await browser.EvaluateAsync(expression))!.GetValue<string>();

    [Fact]
    public async Task Map_ClickNodeThenLinkTableThenMapLink_DetailPagesOpen()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await browser.WaitForAsync("window.qnetMap && window.qnetMap.edges().every(e => e.data('state'))", "the live map");

        var (x, y) = await MapPointAsync(browser, "r1");
        await browser.ClickAsync(x, y);
        await browser.WaitForAsync("location.hash === '#node/r1' && document.body.dataset.ready === 'node'", "r1's detail page");
        Assert.Equal("Node r1 (repeater)", await TextAsync(browser, "document.querySelector('#main h2').textContent"));

        var link = await RectAsync(browser, "#main a[href='#link/alice-r1']");
        await browser.ClickAsync(link.X + (link.Width / 2), link.Y + (link.Height / 2));
        await browser.WaitForAsync("location.hash === '#link/alice-r1' && document.body.dataset.ready === 'link'", "alice-r1's detail page");
        await browser.WaitForAsync("[...document.querySelectorAll('[data-chart]')].filter(c => Number(c.dataset.points) > 0).length >= 2", "alice-r1's charts with data");
        Assert.Equal("Link alice-r1 (alice – r1)", await TextAsync(browser, "document.querySelector('#main h2').textContent"));

        await ShowAsync(browser, "map", 0);
        await browser.WaitForAsync("window.qnetMap && window.qnetMap.edges().every(e => e.data('state'))", "the live map again");
        (x, y) = await MapPointAsync(browser, "dave-hub");
        await browser.ClickAsync(x, y);
        await browser.WaitForAsync("location.hash === '#link/dave-hub' && document.body.dataset.ready === 'link'", "dave-hub's detail page");
        AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Chart_DragAcrossFidelityChart_ZoomsKeepsZoomOverRefreshAndDoubleClickResets()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await ShowAsync(browser, "oncall", 5);
        const string Chart = "[data-chart='Link fidelity']";
        await browser.WaitForAsync($"Number(document.querySelector(\"{Chart}\").dataset.points) >= 6 && document.querySelector(\"{Chart}\").dataset.xspan", "fidelity samples");
        var full = double.Parse(await TextAsync(browser, $"document.querySelector(\"{Chart}\").dataset.xspan"), System.Globalization.CultureInfo.InvariantCulture);

        var plot = await RectAsync(browser, Chart + " .u-over");
        await browser.DragAsync(plot.X + (plot.Width * 0.3), plot.Y + (plot.Height / 2), plot.X + (plot.Width * 0.6), plot.Y + (plot.Height / 2));
        await browser.WaitForAsync($"document.querySelector(\"{Chart}\").dataset.zoomed === 'true'", "the chart to zoom");
        var zoomed = double.Parse(await TextAsync(browser, $"document.querySelector(\"{Chart}\").dataset.xspan"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(zoomed, full * 0.2, full * 0.4);

        // The view refreshes every 3 s: the status line's time changes, and the zoom stays.
        var status = await TextAsync(browser, "document.getElementById('status').textContent");
        await browser.WaitForAsync($"document.getElementById('status').textContent !== {JsonSerializer.Serialize(status)}", "a live refresh");
        await browser.WaitForAsync($"document.getElementById('status').textContent !== {JsonSerializer.Serialize(await TextAsync(browser, "document.getElementById('status').textContent"))}", "a second live refresh");
        Assert.Equal("true", await TextAsync(browser, $"document.querySelector(\"{Chart}\").dataset.zoomed"));
        Assert.Equal(zoomed, double.Parse(await TextAsync(browser, $"document.querySelector(\"{Chart}\").dataset.xspan"), System.Globalization.CultureInfo.InvariantCulture), 6);

        await browser.ClickAsync(plot.X + (plot.Width / 2), plot.Y + (plot.Height / 2), clickCount: 2);
        await browser.WaitForAsync($"document.querySelector(\"{Chart}\").dataset.zoomed === 'false'", "the zoom to reset on double click");
        AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Charts_OnCallView_NoRepeatedTickLabelOnAnyYAxis()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await ShowAsync(browser, "oncall", 5);
        await browser.WaitForAsync("[...document.querySelectorAll('[data-chart]')].filter(c => c.dataset.yticks).length >= 5", "tick labels of five charts");

        var axes = (await browser.EvaluateAsync("[...document.querySelectorAll('[data-chart]')].filter(c => c.dataset.yticks).map(c => [c.dataset.chart, c.dataset.yticks])"))!.AsArray();
        foreach (var axis in axes)
        {
            var labels = JsonSerializer.Deserialize<string[]>(axis![1]!.GetValue<string>())!.Where(l => l.Length > 0).ToArray();
            Assert.True(labels.Length == labels.Distinct().Count(), $"{axis[0]}: {string.Join(" ", labels)}");
        }
        // The fidelity chart's case as seen on the screenshots (ticks 0.0005 apart near 0.993), formatted as the page formats its ticks.
        var fine = (await browser.EvaluateAsync("tickLabels([0.9925, 0.993, 0.9935], 0.0005)"))!.AsArray().Select(l => l!.GetValue<string>());
        Assert.Equal(["0.9925", "0.9930", "0.9935"], fine);
    }

    [Fact]
    public async Task Actions_OperatorOpensMaintenanceAndRunsCalibration_RecordedByTheServerAndShown()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.OperatorToken);
        await ShowAsync(browser, "actions", 0);
        string? window = null;
        try
        {
            await browser.EvaluateAsync("document.getElementById('maint-link').value = 'dave-hub'; document.getElementById('maint-minutes').value = '5'");
            await browser.TypeAsync("#maint-reason", "fibre splice");
            var open = await RectAsync(browser, "#maint-form button[type=submit]");
            await browser.ClickAsync(open.X + (open.Width / 2), open.Y + (open.Height / 2));
            await browser.WaitForAsync("document.getElementById('action-result').textContent === 'done'", "the window to be accepted");
            var windows = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/maintenance")).RootElement;
            var created = Assert.Single(windows.EnumerateArray(), w => w.GetProperty("reason").GetString() == "fibre splice");
            window = created.GetProperty("id").GetString();
            Assert.Equal("dave-hub", created.GetProperty("matchers").GetProperty("link").GetString());
            Assert.Equal(TimeSpan.FromMinutes(5), created.GetProperty("end").GetDateTimeOffset() - created.GetProperty("start").GetDateTimeOffset());

            await browser.EvaluateAsync("document.getElementById('action-result').textContent = ''; document.getElementById('calibrate-link').value = 'bob-r2'");
            var before = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/calibrations")).RootElement.EnumerateArray().Count(c => c.GetProperty("link").GetString() == "bob-r2");
            var run = await RectAsync(browser, "#calibrate-form button[type=submit]");
            await browser.ClickAsync(run.X + (run.Width / 2), run.Y + (run.Height / 2));
            await browser.WaitForAsync("document.getElementById('action-result').textContent === 'done'", "the calibration to be accepted");
            var after = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/calibrations")).RootElement.EnumerateArray().Count(c => c.GetProperty("link").GetString() == "bob-r2");
            Assert.Equal(before + 1, after);

            // The on-call view lists the open window with the sessions it affects (dave's session runs over dave-hub).
            await ShowAsync(browser, "oncall", 0);
            await browser.WaitForAsync($"document.getElementById('oncall-tables').textContent.includes({JsonSerializer.Serialize(window)})", "the window on the on-call view");
            Assert.Contains("metro-carol-dave", await TextAsync(browser, "document.getElementById('oncall-tables').textContent"));
            AssertNoConsoleProblems(browser);
        }
        finally
        {
            if (window is not null)
            {
                (await server.Operator.DeleteAsync($"api/v1/maintenance/{window}")).Dispose();
            }
        }
    }

    [Fact]
    public async Task OnCall_AlertStates_InhibitedSuppressedFiringPendingDrawnApartWithRunbookLink()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await ShowAsync(browser, "oncall", 0);

        var states = (await browser.EvaluateAsync("""
            [{ status: 'firing' }, { status: 'pending' }, { status: 'firing', suppressed: true }, { status: 'firing', inhibited: true }].map(alertState)
            """))!.AsArray().Select(s => s!.GetValue<string>());
        Assert.Equal(["firing", "pending", "suppressed", "inhibited"], states);
        var colours = (await browser.EvaluateAsync("""
            ['firing', 'pending', 'suppressed', 'inhibited'].map(s => { const e = document.createElement('span'); e.className = 'state state-' + s;
              document.body.append(e); const c = getComputedStyle(e).backgroundColor; e.remove(); return c; })
            """))!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Equal(4, colours.Distinct().Count());
        Assert.Equal("https://runbooks.example/link-down", await TextAsync(browser, "runbook({ annotations: { runbook_url: 'https://runbooks.example/link-down' } }).getAttribute('href')"));
    }

    [Fact]
    public async Task Debug_LinkCutSuspendsSessions_EachDelayedSessionHasASpanTimeline()
    {
        var server = fixture.Server;
        await using var browser = await SignInAsync(server, server.ViewerToken);
        using var inject = await server.Operator.PostAsync("api/v1/faults", ControlPlaneServer.Json("""{"kind": "link-cut", "target": "carol-hub"}"""));
        Assert.True(inject.IsSuccessStatusCode, await inject.Content.ReadAsStringAsync());
        var fault = (await ControlPlaneServer.ReadJsonAsync(inject)).GetProperty("id").GetString()!;
        try
        {
            await ShowAsync(browser, "debug", 0);
            await browser.WaitForAsync("[...document.querySelectorAll('#debug-traces .spans')].some(s => s.dataset.session === 'metro-carol-dave' && Number(s.dataset.spans) > 0)",
                "a span timeline of metro-carol-dave");
            var lanes = (await browser.EvaluateAsync("[...document.querySelector(\"#debug-traces .spans[data-session='metro-carol-dave']\").querySelectorAll('.span-name')].map(n => n.textContent)"))!
                .AsArray().Select(n => n!.GetValue<string>()).ToList();
            Assert.Contains(lanes, l => l.StartsWith("session ", StringComparison.Ordinal));
            await browser.EvaluateAsync("document.getElementById('debug-traces').scrollIntoView()");
            await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(ArtifactsDirectory).FullName, "console-debug-spans.png"), await browser.ScreenshotAsync());
            Assert.True((await browser.EvaluateAsync("[...document.querySelectorAll('#debug-traces .span-bar')].every(b => b.title.length > 0 && parseFloat(b.style.left) >= 0 && parseFloat(b.style.left) <= 100)"))!.GetValue<bool>());
            AssertNoConsoleProblems(browser);
        }
        finally
        {
            (await server.Operator.DeleteAsync($"api/v1/faults/{fault}")).Dispose();
        }
    }
}
