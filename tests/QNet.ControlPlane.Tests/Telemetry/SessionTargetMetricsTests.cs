using System.Collections.Immutable;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Kernel;
using QNet.Network.Entanglement;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The twin judges every end-to-end pair against its session's own target: a delivered pair met it, a pair the
/// session's fidelity gate discarded ("below-fidelity") missed it; other losses are not judged. The counts reach the
/// metric history the in-process SLO evaluator reads (the SLO session-pair-fidelity uses them).
/// </summary>
public sealed class SessionTargetMetricsTests
{
    [Fact]
    public void Observer_DeliveredAndGatedPairs_CountedAsMetAndMissed()
    {
        using var metrics = new TwinMetrics();
        var observer = new TwinObserver(new Simulator(1), metrics, new EventHub(TimeProvider.System), () => ImmutableDictionary<string, SessionState>.Empty, (_, _, _) => { }, new SessionTracer());

        observer.PairDelivered("s1", 0.95);
        observer.PairDelivered("s1", 0.97);
        observer.PairLost("s1", LossReason.BelowFidelity);
        observer.PairLost("s1", LossReason.Cutoff);
        observer.PairLost("s1", LossReason.SwapFailed);

        Assert.Equal(2, Count(metrics, "met"));
        Assert.Equal(1, Count(metrics, "missed"));
    }

    private static double Count(TwinMetrics metrics, string target) =>
        metrics.Tallies.All.Single(s => s.Metric == SessionTargetMetrics.Name && s.Labels["target"] == target && s.Labels["session_class"] == "unknown").Value;
}
