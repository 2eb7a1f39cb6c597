using QNet.ControlPlane.Apis;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Apis;

/// <summary>The API's session request meets the same rules as a scenario file's session (SessionRequestRules).</summary>
public sealed class SessionRequestTests
{
    private const string Network = """
        name: t
        nodes:
          - { id: alice, kind: end }
          - { id: bob, kind: end }
          - { id: r, kind: repeater }
        sessions:
        """;

    // Each case: the API request's JSON-side values, the same request as a scenario session, and the field each edge names.
    public static TheoryData<SessionRequest, string, string, string> BadRequests => new()
    {
        { new SessionRequest("a.b", "alice", "bob"), "{ id: 'a.b', source: alice, destination: bob }", "id", "id" },
        { new SessionRequest("s", "r", "bob"), "{ id: s, source: r, destination: bob }", "source", "source" },
        { new SessionRequest("s", "alice", "bob", Priority: 101), "{ id: s, source: alice, destination: bob, priority: 101 }", "priority", "priority" },
        { new SessionRequest("s", "alice", "bob", MinFidelity: 1.5), "{ id: s, source: alice, destination: bob, minFidelity: 1.5 }", "minFidelity", "minFidelity" },
        { new SessionRequest("s", "alice", "bob", CutoffSeconds: 1e9), "{ id: s, source: alice, destination: bob, cutoff: 1000000000s }", "cutoffSeconds", "cutoff" },
        { new SessionRequest("s", "alice", "bob", DurationSeconds: 0), "{ id: s, source: alice, destination: bob, duration: 0s }", "durationSeconds", "duration" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Validate_RequestAScenarioFileRefuses_RefusesItToo(SessionRequest request, string fileSession, string apiField, string fileField)
    {
        var file = ScenarioLoader.Parse(Network + "\n  - " + fileSession + "\n", "t.yaml");
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);

        var errors = request.Validate(nodes.GetValueOrDefault);

        var fileError = Assert.Single(file.Errors);
        Assert.Equal($"sessions[0].{fileField}", fileError.Field);
        Assert.Equal([apiField], errors.Keys);
        Assert.Contains(errors[apiField][0], fileError.Message);
    }

    [Theory]
    [InlineData("ghz")]
    [InlineData("Raw")]
    [InlineData("bb84")]
    public void Validate_ApplicationNotServedOverHttp_NamesTheFileSpellingsWithoutGhz(string application)
    {
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);

        var errors = new SessionRequest("s", "alice", "bob", application).Validate(nodes.GetValueOrDefault);

        Assert.Equal(["must be raw, teleport or qkd"], errors["application"]);
    }

    [Theory]
    [InlineData(null, SessionApplication.Raw)]
    [InlineData("teleport", SessionApplication.Teleport)]
    [InlineData("qkd", SessionApplication.Qkd)]
    public void ToSpec_Application_ReadThroughScenarioNames(string? application, SessionApplication expected)
    {
        Assert.Equal(expected, new SessionRequest("s", "alice", "bob", application).ToSpec("s").Application);
    }

    [Fact]
    public void Validate_GoodRequest_HasNoErrors()
    {
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);

        Assert.Empty(new SessionRequest("ok-1_a", "alice", "bob", "qkd", 0.9, 10, null, 60, 100, 0.01).Validate(nodes.GetValueOrDefault));
    }
}
