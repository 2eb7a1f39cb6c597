using QNet.ControlPlane.Tests.Support;
using static QNet.ControlPlane.Tests.OperatorConsole.ConsoleBrowserTests;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary>
/// The network map in headless Chromium at 1280×800 on the metro network: it draws the scenario's node positions
/// (north up), lays the network out itself on request (#map/auto), and in both layouts no link label lies over a node,
/// a node's label or another link's label (the alice-bob QKD link once ran straight through the hub).
/// </summary>
[Collection("servers")]
public sealed class ConsoleMapTests(MetroServerFixture fixture)
{
    /// <summary>Pairs of map elements whose drawn boxes overlap: each link's label against every node (with its label) and every other link's label.</summary>
    private const string LabelClashes = """
        (() => {
          const cy = window.qnetMap;
          const overlap = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
          const labels = cy.edges().map(e => ({ id: e.id(), b: e.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true,
            includeMainLabels: true, includeSourceLabels: false, includeTargetLabels: false, includeOverlays: false, includeUnderlays: false }) }));
          const nodes = cy.nodes().map(n => ({ id: n.id(), b: n.boundingBox({ includeLabels: true, includeOverlays: false, includeUnderlays: false }) }));
          const clashes = [];
          for (const l of labels) {
            for (const n of nodes) if (overlap(l.b, n.b)) clashes.push(l.id + ' label over node ' + n.id);
            for (const m of labels) if (m.id > l.id && overlap(l.b, m.b)) clashes.push(l.id + ' label over ' + m.id + ' label');
          }
          return clashes;
        })()
        """;

    private static async Task<string[]> ClashesAsync(HeadlessChromium browser) =>
        (await browser.EvaluateAsync(LabelClashes))!.AsArray().Select(c => c!.GetValue<string>()).ToArray();

    private static async Task<double> CoordinateAsync(HeadlessChromium browser, string node, string axis) =>
        (await browser.EvaluateAsync($"window.qnetMap.getElementById('{node}').position('{axis}')"))!.GetValue<double>();

    private static Task WaitForLiveLabelsAsync(HeadlessChromium browser) =>
        browser.WaitForAsync("window.qnetMap && window.qnetMap.edges().every(e => e.data('state'))", "link states and labels on the map");

    private static async Task ShowAutomaticAsync(HeadlessChromium browser)
    {
        await browser.EvaluateAsync("location.hash = '#map/auto'");
        await browser.WaitForAsync("document.body.dataset.ready === 'map' && document.getElementById('cy')?.dataset.layout === 'automatic'", "the automatic layout");
        await WaitForLiveLabelsAsync(browser);
    }

    [Fact]
    public async Task Map_ScenarioPositions_DrawnNorthUpWithNoLabelOverANodeOrALabel()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await WaitForLiveLabelsAsync(browser);

        Assert.Equal("scenario", (await browser.EvaluateAsync("document.getElementById('cy').dataset.layout"))!.GetValue<string>());
        // metro.yaml: alice (-17, 6) west of bob (17, 6); r1 (-9, 2) north of the hub (0, -2), so higher on screen.
        Assert.True(await CoordinateAsync(browser, "alice", "x") < await CoordinateAsync(browser, "bob", "x"));
        Assert.True(await CoordinateAsync(browser, "r1", "y") < await CoordinateAsync(browser, "hub", "y"));
        Assert.Equal(await CoordinateAsync(browser, "alice", "y"), await CoordinateAsync(browser, "bob", "y"), 6);
        Assert.Empty(await ClashesAsync(browser));
        AssertNoConsoleProblems(browser);
    }

    [Fact]
    public async Task Map_AutomaticLayout_DeterministicWithNoLabelOverANodeOrALabel()
    {
        await using var browser = await SignInAsync(fixture.Server, fixture.Server.ViewerToken);
        await ShowAutomaticAsync(browser);
        var first = (await browser.EvaluateAsync("window.qnetMap.nodes().map(n => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))])"))!.ToJsonString();

        Assert.Empty(await ClashesAsync(browser));
        await File.WriteAllBytesAsync(Path.Combine(Directory.CreateDirectory(ArtifactsDirectory).FullName, "console-map-auto.png"), await browser.ScreenshotAsync());
        // The alice-bob link does not pass through the hub: the hub lies well clear of the drawn curve's midpoint.
        var gap = (await browser.EvaluateAsync("""
            (() => { const m = window.qnetMap.getElementById('alice-bob-qkd').midpoint(), h = window.qnetMap.getElementById('hub').position();
                     return Math.hypot(m.x - h.x, m.y - h.y); })()
            """))!.GetValue<double>();
        Assert.True(gap > 45, $"alice-bob-qkd's label is {gap:F0} px from the hub");

        await ShowAsync(browser, "exec", 0);
        await ShowAutomaticAsync(browser);
        Assert.Equal(first, (await browser.EvaluateAsync("window.qnetMap.nodes().map(n => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))])"))!.ToJsonString());
        AssertNoConsoleProblems(browser);
    }
}
