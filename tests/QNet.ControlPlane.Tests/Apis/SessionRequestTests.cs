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
          - { id: bob, kind: end, processor: { qubits: 2 } }
          - { id: r, kind: repeater }
          - { id: carol, kind: end }
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
        { new SessionRequest("s", "alice", "bob", "ghz"), "{ id: s, source: alice, destination: bob, application: ghz }", "parties", "parties" },
        { new SessionRequest("s", "alice", "bob", "ghz", Parties: []), "{ id: s, source: alice, destination: bob, application: ghz, parties: [] }", "parties", "parties" },
        { new SessionRequest("s", "alice", "bob", "ghz", Parties: ["r"]), "{ id: s, source: alice, destination: bob, application: ghz, parties: [r] }", "parties[0]", "parties[0]" },
        { new SessionRequest("s", "alice", "bob", "ghz", Parties: ["carol", "bob"]), "{ id: s, source: alice, destination: bob, application: ghz, parties: [carol, bob] }", "parties[1]", "parties[1]" },
        { new SessionRequest("s", "alice", "bob", Parties: ["carol"]), "{ id: s, source: alice, destination: bob, parties: [carol] }", "parties", "parties" },
        { new SessionRequest("s", "alice", "bob", Purification: new("bbpsw")), "{ id: s, source: alice, destination: bob, purification: { scheme: bbpsw } }", "purification.scheme", "purification.scheme" },
        { new SessionRequest("s", "alice", "bob", Purification: new("dejmps", 65)), "{ id: s, source: alice, destination: bob, purification: { scheme: dejmps, rounds: 65 } }", "purification.rounds", "purification.rounds" },
        { new SessionRequest("s", "alice", "bob", Purification: new("dejmps", Mode: "pump")), "{ id: s, source: alice, destination: bob, purification: { scheme: dejmps, mode: pump } }", "purification.mode", "purification.mode" },
        { new SessionRequest("s", "alice", "bob", Purification: new("dejmps", Scope: "links")), "{ id: s, source: alice, destination: bob, purification: { scheme: dejmps, scope: links } }", "purification.scope", "purification.scope" },
        { new SessionRequest("s", "alice", "carol", "compute"), "{ id: s, source: alice, destination: carol, application: compute }", "destination", "destination" },
        { new SessionRequest("s", "alice", "bob", "compute", Compute: new("remote-cnto")), "{ id: s, source: alice, destination: bob, application: compute, compute: { circuit: remote-cnto } }", "compute.circuit", "compute.circuit" },
        { new SessionRequest("s", "alice", "bob", "compute", Compute: new("remote-cnot", "h")), "{ id: s, source: alice, destination: bob, application: compute, compute: { circuit: remote-cnot, gate: h } }", "compute.gate", "compute.gate" },
        { new SessionRequest("s", "alice", "bob", "compute", Compute: new("teleport-gate", "t")), "{ id: s, source: alice, destination: bob, application: compute, compute: { circuit: teleport-gate, gate: t } }", "compute.gate", "compute.gate" },
        { new SessionRequest("s", "alice", "bob", Compute: new("remote-cnot")), "{ id: s, source: alice, destination: bob, compute: { circuit: remote-cnot } }", "compute", "compute" },
        { new SessionRequest("s", "alice", "bob", Purification: new("dejmps", TargetFidelity: 1.2)), "{ id: s, source: alice, destination: bob, purification: { scheme: dejmps, targetFidelity: 1.2 } }", "purification.targetFidelity", "purification.targetFidelity" },
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
    [InlineData("Raw")]
    [InlineData("bb84")]
    public void Validate_UnknownApplication_NamesTheFileSpellings(string application)
    {
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);

        var errors = new SessionRequest("s", "alice", "bob", application).Validate(nodes.GetValueOrDefault);

        Assert.Equal(["must be raw, teleport, ghz, qkd or compute"], errors["application"]);
    }

    [Fact]
    public void ToSpec_GhzWithPurificationAndNoPipelining_CarriesEveryField()
    {
        var nodes = ScenarioLoader.Parse(Network + " []\n", "t.yaml").Scenario!.Nodes.ToDictionary(n => n.Id);
        var request = new SessionRequest("g", "alice", "bob", "ghz", 0.6, Parties: ["carol"],
            Purification: new("dejmps", 3, "pumping", "link", 0.95), Pipelining: false);

        Assert.Empty(request.Validate(nodes.GetValueOrDefault));
        var spec = request.ToSpec("g");

        Assert.Equal(SessionApplication.Ghz, spec.Application);
        Assert.Equal(["carol"], spec.Parties);
        Assert.Equal(new PurificationSpec(PurificationScheme.Dejmps, 3, PurificationMode.Pumping, PurificationScope.Link, 0.95), spec.Purification);
        Assert.False(spec.Pipelining);
    }

    [Fact]
    public void From_ScenarioGhzSessionWithPurification_StoredRequestRebuildsTheSameSpec()
    {
        var file = ScenarioLoader.Parse(Network + """

              - { id: g, source: alice, destination: bob, application: ghz, parties: [carol], pipelining: false, purification: { scheme: bbpssw, rounds: 2, targetFidelity: 0.9 } }
            """, "t.yaml");
        var spec = Assert.Single(file.Scenario!.Sessions);

        var rebuilt = SessionRequest.From(spec).ToSpec(spec.Id);

        Assert.Equal(spec.Parties, rebuilt.Parties);
        Assert.Equal(spec.Purification, rebuilt.Purification);
        Assert.Equal(spec.Pipelining, rebuilt.Pipelining);
        Assert.Equal(spec.Application, rebuilt.Application);
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
