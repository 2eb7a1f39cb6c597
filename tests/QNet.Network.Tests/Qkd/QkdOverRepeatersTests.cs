using QNet.Kernel;
using QNet.Network.Qkd;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Tests.Qkd;

public class QkdOverRepeatersTests
{
    private static string Chain(double linkFidelity, string seconds) => $$"""
        name: qkd-chain
        seed: 4
        duration: {{seconds}}
        nodes:
          - { id: alice, kind: end, memory: { slots: 4, t2: 1s } }
          - { id: r1, kind: repeater, memory: { slots: 4, t2: 1s },
              swap: { protocol: asap, successProbability: 0.9, gateDepolarizing: 0.002, readoutError: 0.002 } }
          - { id: r2, kind: repeater, memory: { slots: 4, t2: 1s },
              swap: { protocol: asap, successProbability: 0.9, gateDepolarizing: 0.002, readoutError: 0.002 } }
          - { id: bob, kind: end, memory: { slots: 4, t2: 1s } }
        links:
          - { id: a-r1, between: [alice, r1], heralding: probabilistic, successProbability: 0.5, attemptDuration: 10us, fidelity: {{linkFidelity}} }
          - { id: r1-r2, between: [r1, r2], heralding: probabilistic, successProbability: 0.5, attemptDuration: 10us, fidelity: {{linkFidelity}} }
          - { id: r2-b, between: [r2, bob], heralding: probabilistic, successProbability: 0.5, attemptDuration: 10us, fidelity: {{linkFidelity}} }
        sessions:
          - { id: key, source: alice, destination: bob, application: qkd, memorySlots: 2, cutoff: 10ms,
              qkd: { protocol: bbm92, blockSize: 1e4 } }
        """;

    private static QkdSessionFigures Run(double linkFidelity)
    {
        var loaded = ScenarioLoader.Parse(Chain(linkFidelity, "1s"), "chain.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var run = NetworkRun.Run(loaded.Scenario!, 4, SimTime.FromSeconds(1));
        var session = Assert.Single(run.Sessions);
        Assert.Equal(QNet.Network.Scenarios.SessionApplication.Qkd, session.Application);
        Assert.True(session.Pairs > 10_000, $"{session.Pairs} pairs");
        var qkd = Assert.IsType<QkdSessionFigures>(session.Qkd);
        Assert.Equal(session.Pairs, qkd.Pairs);
        return qkd;
    }

    // The measured QBER of the sifted bits against Q_Z = λX + λY averaged over the delivered
    // Bell-diagonal states (REFERENCE.md). Each sifted bit errs with its pair's Q_Z, independently
    // given the pairs, so the variance is at most Q(1 − Q)/n: 5 standard errors.
    private static void AssertQberMatchesDeliveredStates(QkdSessionFigures q)
    {
        double se = Math.Sqrt(q.ExpectedQber * (1 - q.ExpectedQber) / q.SiftedBits);
        Assert.InRange(q.Qber, q.ExpectedQber - 5 * se, q.ExpectedQber + 5 * se);
    }

    [Fact]
    public void Run_HighFidelityChain_QberMatchesDeliveredStatesAndKeyAppears()
    {
        var q = Run(0.995);
        AssertQberMatchesDeliveredStates(q);
        Assert.True(q.ExpectedQber < 0.05, $"expected QBER {q.ExpectedQber}");
        Assert.True(q.Blocks >= 1 && q.SecretBits > 0, $"{q.Blocks} blocks, {q.SecretBits} secret bits");
        Assert.True(q.AsymptoticBitsPerPair > 0);
    }

    [Fact]
    public void Run_LowFidelityChain_QberAboveElevenPercentNoKey()
    {
        var q = Run(0.88);
        AssertQberMatchesDeliveredStates(q);
        Assert.True(q.Qber > 0.11, $"QBER {q.Qber}");
        Assert.Equal(0, q.SecretBits);
        Assert.Equal(0, q.Blocks);
        Assert.True(q.DiscardedBlocks >= 1, $"{q.DiscardedBlocks} discarded");
        Assert.Equal(0, q.AsymptoticBitsPerPair);
    }

    [Fact]
    public void Run_RawSession_HasNoQkdFigures()
    {
        var loaded = ScenarioLoader.Parse(Chain(0.995, "100ms").Replace("application: qkd", "application: raw", StringComparison.Ordinal)
            .Replace(",\n      qkd: { protocol: bbm92, blockSize: 1e4 }", "", StringComparison.Ordinal), "chain.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var run = NetworkRun.Run(loaded.Scenario!, 4, SimTime.FromSeconds(0.1));
        Assert.Null(Assert.Single(run.Sessions).Qkd);
    }
}
