using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>Operator endpoints refuse anonymous and viewer callers; bad bodies get problem details naming the field; none of these change state.</summary>
[Collection("servers")]
public sealed class AccessControlTests(MetroServerFixture fixture)
{
    private ControlPlaneServer Server => fixture.Server;

    public static TheoryData<string, string, string?> OperatorCalls => new()
    {
        { "POST", "api/v1/sessions", """{"id":"denied","source":"alice","destination":"bob"}""" },
        { "DELETE", "api/v1/sessions/metro-alice-bob", null },
        { "POST", "api/v1/faults", """{"kind":"link-cut","target":"alice-r1"}""" },
        { "POST", "api/v1/calibrations", """{"link":"alice-r1"}""" },
        { "POST", "api/v1/maintenance", """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z"}""" },
    };

    [Theory]
    [MemberData(nameof(OperatorCalls))]
    public async Task OperatorEndpoint_AnonymousOrViewer_RefusedWithoutChange(string method, string path, string? body)
    {
        string before = await StateAsync();
        using (var anonymous = await SendAsync(Server.Anonymous, method, path, body))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }
        using (var wrong = await SendAsync(Server.Client("qnet_not-a-real-token"), method, path, body))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var viewer = await SendAsync(Server.Viewer, method, path, body))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task ReadEndpoint_Anonymous_Refused_Viewer_Allowed()
    {
        using var anonymous = await Server.Anonymous.GetAsync("api/v1/topology");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var viewer = await Server.Viewer.GetAsync("api/v1/topology");
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
    }

    [Theory]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","minFidelity":"high"}""", "minFidelity")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","minFidelity":1.5}""", "minFidelity")]
    [InlineData("api/v1/sessions", """{"source":"r1","destination":"bob"}""", "source")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"alice"}""", "destination")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","application":"gzh"}""", "application")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","application":"ghz"}""", "parties")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","purification":{"scheme":"dejmps","rounds":0}}""", "purification.rounds")]
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","rateHz":-3}""", "rateHz")]
    [InlineData("api/v1/sessions", """{"source":"alice",""", "body")]
    // One id rule with the network (IdRule): a '.' used to pass here and fail inside the twin.
    [InlineData("api/v1/sessions", """{"id":"a.b","source":"alice","destination":"bob"}""", "id")]
    [InlineData("api/v1/sessions", """{"id":"x1234567890123456789012345678901234567890123456789012345678901234","source":"alice","destination":"bob"}""", "id")]
    // A cutoff beyond what the kernel can schedule (100 days), as in scenario files.
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","cutoffSeconds":1e9}""", "cutoffSeconds")]
    // A misspelt optional field would otherwise be dropped and the session run on that field's default.
    [InlineData("api/v1/sessions", """{"source":"alice","destination":"bob","minFidelty":0.99}""", "minFidelty")]
    [InlineData("api/v1/faults", """{"kind":"meteor","target":"alice-r1"}""", "kind")]
    [InlineData("api/v1/faults", """{"kind":"link-cut","target":"nowhere"}""", "target")]
    [InlineData("api/v1/faults", """{"kind":"attenuation-step","target":"alice-r1","magnitude":-1}""", "magnitude")]
    [InlineData("api/v1/faults", """{"kind":"memory-t2-drop","target":"hub","magnitude":2}""", "magnitude")]
    [InlineData("api/v1/faults", """{"kind":"link-cut","target":"alice-r1","duration":0}""", "duration")]
    [InlineData("api/v1/faults", """{"kind":"swap-degradation","target":"alice","magnitude":0.1}""", "target")]
    [InlineData("api/v1/faults", """{"kind":"calibration-drift","target":"alice-r1"}""", "magnitude")]
    [InlineData("api/v1/calibrations", """{"link":"nowhere"}""", "link")]
    [InlineData("api/v1/maintenance", """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z","links":["alice-r1"]}""", "links")]
    [InlineData("api/v1/maintenance", """{"start":"2026-01-02T00:00:00Z","end":"2026-01-01T00:00:00Z"}""", "end")]
    // A window on a link or node the network does not have would silently suppress nothing.
    [InlineData("api/v1/maintenance", """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z","matchers":{"link":"hub-alice"}}""", "matchers.link")]
    [InlineData("api/v1/maintenance", """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z","matchers":{"node":"mars"}}""", "matchers.node")]
    [InlineData("api/v1/maintenance", """{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z","matchers":{"link":""}}""", "matchers.link")]
    public async Task Post_BadBody_ProblemDetailsNamingFieldWithoutChange(string path, string body, string field)
    {
        string before = await StateAsync();
        using var response = await Server.Operator.PostAsync(path, ControlPlaneServer.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(before, await StateAsync());
    }

    // Sessions, faults, maintenance windows and calibration runs: what the refused calls could have changed.
    private async Task<string> StateAsync()
    {
        var sessions = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/sessions"));
        var ids = string.Join(",", sessions.EnumerateArray().Select(s => s.GetProperty("id").GetString() + ":" + (s.GetProperty("outcome").GetString() == "cancelled")).Order());
        return ids + "|" + await Server.Viewer.GetStringAsync("api/v1/faults") + "|" + await Server.Viewer.GetStringAsync("api/v1/maintenance")
            + "|" + await Server.Viewer.GetStringAsync("api/v1/calibrations");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : ControlPlaneServer.Json(body) });
}
