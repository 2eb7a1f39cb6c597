using System.Net.Http.Headers;
using System.Text;
using QNet.ControlPlane.Hosting;

namespace QNet.Cli.Tests;

/// <summary>
/// <c>qnet incident</c> as a user runs it: the real program against a real control plane (started in process on free
/// loopback ports), whose incident comes from an Alertmanager notification.
/// </summary>
public sealed class IncidentCommandTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-cli-incident-{Guid.NewGuid():N}");
    private ControlPlaneHandle _host = null!;
    private string _operator = "";
    private string _viewer = "";

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_root, "data");
        var options = new ControlPlaneOptions(data, apiPort: 0, etsiPort: 0, timeFactor: 1) { MasterKeyFile = Path.Combine(_root, "secrets", "master.key") };
        _host = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
        _operator = await ControlPlaneAdministration.CreateTokenAsync(data, null, "operator", "cli-oncall", TimeProvider.System);
        _viewer = await ControlPlaneAdministration.CreateTokenAsync(data, null, "viewer", "cli-viewer", TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string Url => _host.ApiUrl.ToString();

    [Fact]
    public async Task ListShowAckReport_IncidentFromAlertmanager_PrintedAcknowledgedAndPostmortemWritten()
    {
        using (var http = new HttpClient { BaseAddress = _host.ApiUrl })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _operator);
            const string body = """
                {"version":"4","groupKey":"{}/{severity=\"page\"}:{link=\"cli-link\"}","status":"firing","receiver":"qnet-page","groupLabels":{"link":"cli-link"},
                 "alerts":[{"status":"firing","labels":{"alertname":"QNetLinkDown","severity":"page","link":"cli-link"},
                   "annotations":{"summary":"link cli-link is down","runbook_url":"https://runbooks.example/link-down"},"fingerprint":"f"}]}
                """;
            using var posted = await http.PostAsync("api/alert-webhooks/page", new StringContent(body, Encoding.UTF8, "application/json"));
            posted.EnsureSuccessStatusCode();
        }

        var list = QnetProcess.Run("incident", "list", "--state", "open", "--url", Url, "--token", _viewer);
        Assert.Equal(0, list.ExitCode);
        var line = Assert.Single(list.StdOut.Split('\n'), l => l.Contains("link=\"cli-link\"", StringComparison.Ordinal));
        var id = line.Split('\t')[0];
        Assert.Matches("^inc-[0-9a-f]{12}$", id);
        Assert.Contains("\topen\t", line);

        var viewerAck = QnetProcess.Run("incident", "ack", id, "--url", Url, "--token", _viewer);
        Assert.Equal(2, viewerAck.ExitCode);
        Assert.Contains("acknowledging and resolving incidents needs an operator token", viewerAck.StdErr);

        var ack = QnetProcess.Run("incident", "ack", id, "--url", Url, "--token", _operator);
        Assert.Equal(0, ack.ExitCode);
        Assert.Contains($"incident {id} acknowledged; state acknowledged.", ack.StdErr);
        var again = QnetProcess.Run("incident", "ack", id, "--url", Url, "--token", _operator);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already acknowledged (by cli-oncall) (409)", again.StdErr);

        var show = QnetProcess.Run("incident", "show", id, "--url", Url, "--token", _viewer);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("state acknowledged, scope link=\"cli-link\"", show.StdOut);
        Assert.Contains("\talert-firing\tQNetLinkDown firing: link cli-link is down", show.StdOut);
        Assert.Contains("by cli-oncall", show.StdOut);

        var file = Path.Combine(_root, "postmortem.md");
        var report = QnetProcess.Run("incident", "report", id, "--out", file, "--url", Url, "--token", _viewer);
        Assert.Equal(0, report.ExitCode);
        var md = await File.ReadAllTextAsync(file);
        Assert.StartsWith($"# Postmortem draft: link cli-link is down ({id})", md);
        Assert.Contains("- QNetLinkDown: https://runbooks.example/link-down", md);
        Assert.Contains("## Actions", md);

        var resolve = QnetProcess.Run("incident", "resolve", id, "--url", Url, "--token", _operator);
        Assert.Equal(0, resolve.ExitCode);
        Assert.Contains("state resolved", resolve.StdErr);
    }

    [Fact]
    public void Show_UnknownIncident_ExitsOneWithTheServersWordsNoExceptionText()
    {
        var r = QnetProcess.Run("incident", "show", "inc-000000000000", "--url", Url, "--token", _viewer);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no incident 'inc-000000000000' (404)", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }

    [Fact]
    public void List_BadState_ExitsWithTheAllowedStates()
    {
        var r = QnetProcess.Run("incident", "list", "--state", "closed", "--url", Url, "--token", _viewer);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--state must be open, acknowledged, mitigated or resolved (got 'closed')", r.StdErr + r.StdOut);
    }
}
