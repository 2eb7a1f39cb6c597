using System.Net;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.ConfigChanges;

/// <summary><c>/api/v1/config-changes</c> on a running control plane (metro network): roles, problem details, list, one, abort.</summary>
[Collection("servers")]
public sealed class ConfigChangesApiTests
{
    [Fact]
    public async Task Post_ViewerOrAnonymous_RefusedAndNothingStarted()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        const string body = """{"field": "bright-state-population", "value": 0.012, "link": "alice-r1"}""";
        using (var viewer = await server.Viewer.PostAsync("api/v1/config-changes", ControlPlaneServer.Json(body)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }
        using (var anonymous = await server.Anonymous.PostAsync("api/v1/config-changes", ControlPlaneServer.Json(body)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var anonymousList = await server.Anonymous.GetAsync("api/v1/config-changes"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        }
        using var list = await server.Viewer.GetAsync("api/v1/config-changes");
        Assert.Equal(0, (await ControlPlaneServer.ReadJsonAsync(list)).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"field": "brightness", "value": 0.012}""", "field", "unknown field 'brightness'")]
    [InlineData("""{"field": "bright-state-population", "value": 0.012, "link": "nowhere"}""", "link", "'nowhere' is not a link of the network")]
    [InlineData("""{"field": "bright-state-population", "value": 2}""", "value", "must lie in (0, 0.5]")]
    [InlineData("""{"field": "post-processing-version", "value": 9, "link": "alice-bob-qkd"}""", "value", "unknown post-processing version 9")]
    [InlineData("""{"field": "bright-state-population", "value": 0.012, "bakeSeconds": -1}""", "bakeSeconds", "must lie in (0, 86400]")]
    [InlineData("""{"field": "bright-state-population", "valeu": 0.012}""", "valeu", "is not a field of this request")]
    public async Task Post_BadField_ProblemDetailsNamingIt(string body, string field, string message)
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        using var response = await server.Operator.PostAsync("api/v1/config-changes", ControlPlaneServer.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ThenGetListAbort_ShownThenAbortedOnce()
    {
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2);
        using var created = await server.Operator.PostAsync("api/v1/config-changes",
            ControlPlaneServer.Json("""{"field": "bright-state-population", "value": 0.012, "link": "alice-r1", "bakeSeconds": 3600}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var change = await ControlPlaneServer.ReadJsonAsync(created);
        string id = change.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/config-changes/{id}", created.Headers.Location!.ToString());
        Assert.Equal(("observing", "alice-r1"), (change.GetProperty("status").GetString(), change.GetProperty("canary").GetString()));

        using (var second = await server.Operator.PostAsync("api/v1/config-changes",
            ControlPlaneServer.Json("""{"field": "source-efficiency", "value": 0.9, "link": "bob-r2"}""")))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains(id, (await ControlPlaneServer.ReadJsonAsync(second)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var one = await server.Viewer.GetAsync($"api/v1/config-changes/{id}"))
        {
            Assert.Equal(0.01, (await ControlPlaneServer.ReadJsonAsync(one)).GetProperty("previous").GetDouble());
        }
        using (var viewerAbort = await server.Viewer.PostAsync($"api/v1/config-changes/{id}/abort", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewerAbort.StatusCode);
        }
        using (var abort = await server.Operator.PostAsync($"api/v1/config-changes/{id}/abort", null))
        {
            Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
            Assert.Equal("aborted", (await ControlPlaneServer.ReadJsonAsync(abort)).GetProperty("status").GetString());
        }
        using (var again = await server.Operator.PostAsync($"api/v1/config-changes/{id}/abort", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        using (var missing = await server.Viewer.GetAsync("api/v1/config-changes/cc-missing"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using var list = await server.Viewer.GetAsync("api/v1/config-changes");
        var all = await ControlPlaneServer.ReadJsonAsync(list);
        Assert.Equal(1, all.GetArrayLength());
        Assert.Equal(["requested", "aborted"], all[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
    }
}
