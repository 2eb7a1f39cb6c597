using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Tests.Support;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>Ended sessions that left the twin's memory are still answered from the store, and their ids stay taken.</summary>
[Collection("servers")]
public sealed class SessionRetentionApiTests(MetroServerFixture fixture)
{
    private ControlPlaneServer Server => fixture.Server;

    [Fact]
    public async Task Get_EndedSessionNoLongerInMemory_AnswersFromTheStoreAndItsIdStaysTaken()
    {
        var twin = Server.Host.Services.GetRequiredService<ControlPlane.Twin.Twin>();
        var commands = Server.Host.Services.GetRequiredService<TwinCommandQueue>();
        await commands.TryEnqueue(control: true, t => t.RetainedEndedSessions = 0)!;
        try
        {
            using var created = await Server.Operator.PostAsync("api/v1/sessions",
                ControlPlaneServer.Json("""{"id":"gone-1","source":"alice","destination":"bob","minFidelity":0.5,"durationSeconds":0.05}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            string traceId = (await ControlPlaneServer.ReadJsonAsync(created)).GetProperty("traceId").GetString()!;

            await ControlPlaneServer.EventuallyAsync(() => Task.FromResult(twin.Sessions.ContainsKey("gone-1") ? null : new object()), "gone-1 to leave memory");

            using var got = await Server.Viewer.GetAsync("api/v1/sessions/gone-1");
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
            var body = await ControlPlaneServer.ReadJsonAsync(got);
            Assert.Equal(traceId, body.GetProperty("traceId").GetString());
            Assert.True(body.GetProperty("outcome").GetString() is "completed" or "failed", body.GetProperty("outcome").GetString());
            Assert.Equal("bob", body.GetProperty("destination").GetString());

            using var again = await Server.Operator.PostAsync("api/v1/sessions",
                ControlPlaneServer.Json("""{"id":"gone-1","source":"alice","destination":"carol","minFidelity":0.5}"""));
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.True((await ControlPlaneServer.ReadJsonAsync(again)).GetProperty("errors").TryGetProperty("id", out _));
            using var cancel = await Server.Operator.DeleteAsync("api/v1/sessions/gone-1");
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
            using var unknown = await Server.Viewer.GetAsync("api/v1/sessions/never-was");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            // The refused attempt changed nothing: the stored session is still the first one.
            var still = await ControlPlaneServer.ReadJsonAsync(await Server.Viewer.GetAsync("api/v1/sessions/gone-1"));
            Assert.Equal(("bob", traceId), (still.GetProperty("destination").GetString(), still.GetProperty("traceId").GetString()));
        }
        finally
        {
            await commands.TryEnqueue(control: true, t => t.RetainedEndedSessions = ControlPlane.Twin.Twin.DefaultRetainedEndedSessions)!;
        }
    }
}
