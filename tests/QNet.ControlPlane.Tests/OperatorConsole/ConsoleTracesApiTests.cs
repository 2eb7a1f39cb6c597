using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Support;

namespace QNet.ControlPlane.Tests.OperatorConsole;

/// <summary><c>/api/v1/console/traces/{traceId}</c>: the spans of a session's trace kept in process, for the Debug view's span timeline.</summary>
[Collection("servers")]
public sealed class ConsoleTracesApiTests(MetroServerFixture fixture)
{
    [Fact]
    public async Task Traces_RunningScenarioSession_HeraldWindowSpansUnderItsRootWithCountsAndTwinTimes()
    {
        var server = fixture.Server;
        var sessions = JsonDocument.Parse(await server.Viewer.GetStringAsync("api/v1/sessions")).RootElement;
        var traceId = sessions.EnumerateArray().First(s => s.GetProperty("id").GetString() == "metro-alice-bob").GetProperty("traceId").GetString()!;

        // A herald window span closes after 1 s of wall time.
        var raw = await ControlPlaneServer.EventuallyAsync(async () =>
        {
            var spans = JsonDocument.Parse(await server.Viewer.GetStringAsync($"api/v1/console/traces/{traceId}")).RootElement;
            return spans.EnumerateArray().Any(s => s.GetProperty("name").GetString() == "heralds") ? spans.GetRawText() : null;
        }, "a finished heralds span of metro-alice-bob");
        var list = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToList();

        var heralds = list.First(s => s.GetProperty("name").GetString() == "heralds");
        var tags = heralds.GetProperty("tags");
        Assert.True(long.Parse(tags.GetProperty("count").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(tags.GetProperty("simulated_end_seconds").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            >= double.Parse(tags.GetProperty("simulated_start_seconds").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("metro-alice-bob", tags.GetProperty("session").GetString());
        Assert.Equal(16, heralds.GetProperty("parentSpanId").GetString()!.Length);
        Assert.True(heralds.GetProperty("durationMs").GetDouble() > 0);
        var starts = list.Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task Traces_UnknownTrace_EmptyList()
    {
        var body = await fixture.Server.Viewer.GetStringAsync($"api/v1/console/traces/{new string('a', 32)}");

        Assert.Equal("[]", body);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task Traces_NotATraceId_400NamingTraceId(string traceId)
    {
        using var response = await fixture.Server.Viewer.GetAsync($"api/v1/console/traces/{traceId}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ControlPlaneServer.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("traceId", out _), problem.ToString());
    }

    [Fact]
    public async Task Traces_NoToken_401()
    {
        using var response = await fixture.Server.Anonymous.GetAsync($"api/v1/console/traces/{new string('a', 32)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
