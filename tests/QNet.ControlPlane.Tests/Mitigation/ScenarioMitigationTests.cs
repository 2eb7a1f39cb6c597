using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Tests.Support;
using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>A scenario's <c>mitigation:</c> section is the policy <c>qnet up --scenario</c> starts with.</summary>
public sealed class ScenarioMitigationTests
{
    private const string Network = """
        name: two-nodes
        seed: 3
        nodes:
          - { id: alice, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: bob, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
        links:
          - { id: alice-bob, between: [alice, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 1ms, fidelity: 0.95 }

        """;

    [Fact]
    public async Task Start_ScenarioWithMitigationSection_ApiShowsItsPolicy()
    {
        var scenario = ScenarioLoader.Parse(Network + """
            mitigation:
              evaluateEvery: 2s
              retryAfter: 9s
              rules:
                - { action: shed-load, signal: command-queue-depth, threshold: 20, release: 2, cooldown: 1s }
                - { action: reroute, signal: link-rate-ratio, threshold: 0.3, enabled: false }
            """, "two-nodes.yaml").Scenario!;
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2, scenario);
        using var response = await server.Viewer.GetAsync("api/v1/mitigation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = (await ControlPlaneServer.ReadJsonAsync(response)).GetProperty("policy");
        Assert.True(policy.GetProperty("enabled").GetBoolean());
        Assert.Equal(2, policy.GetProperty("evaluateEvery").GetDouble());
        Assert.Equal(9, policy.GetProperty("retryAfter").GetInt32());
        Assert.Equal(MitigationPolicy.Default.MinSamples, policy.GetProperty("minSamples").GetInt32());
        var rules = policy.GetProperty("rules");
        Assert.Equal(2, rules.GetArrayLength());
        Assert.Equal(("shed-load", "command-queue-depth", 20.0, 2.0, 1.0), (rules[0].GetProperty("action").GetString(), rules[0].GetProperty("signal").GetString(),
            rules[0].GetProperty("threshold").GetDouble(), rules[0].GetProperty("release").GetDouble(), rules[0].GetProperty("cooldown").GetDouble()));
        Assert.False(rules[1].GetProperty("enabled").GetBoolean());
        Assert.Equal(scenario.Mitigation, server.Host.Services.GetRequiredService<MitigationEngine>().Policy);
    }

    [Fact]
    public async Task Start_ScenarioWithoutMitigationSection_DefaultPolicy()
    {
        var scenario = ScenarioLoader.Parse(Network, "two-nodes.yaml").Scenario!;
        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 2, scenario);
        Assert.Same(MitigationPolicy.Default, server.Host.Services.GetRequiredService<MitigationEngine>().Policy);
    }
}
