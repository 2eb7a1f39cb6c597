using QNet.ControlPlane.Telemetry;
using QNet.Network.Entanglement;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// What one path of a session reports to in the twin: the observer's per-link sums and series and the per-repeater swap
/// series of the path, each found at its first use (so series are created in the same order as by id) and then kept,
/// so that a herald or swap does no string lookup. Simulation thread only.
/// </summary>
internal sealed class TwinPathReporter(TwinObserver observer, TwinMetrics metrics, string sessionId, IReadOnlyList<string> linkIds,
    IReadOnlyList<string> nodeIds) : PathReporter
{
    private readonly string[] _linkIds = [.. linkIds];
    private readonly string[] _nodeIds = [.. nodeIds];
    private readonly LinkHeralds?[] _links = new LinkHeralds?[linkIds.Count];
    private readonly SwapSeries?[] _swaps = new SwapSeries?[nodeIds.Count];

    public override void LinkPairGenerated(int link, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        observer.Herald(sessionId, _links[link] ??= observer.HeraldsOf(_linkIds[link]), fidelity, heraldLatencySeconds, darkCount);

    public override void SwapAttempted(int node, bool success) =>
        observer.Swap(sessionId, _nodeIds[node], _swaps[node] ??= metrics.SwapSeriesOf(_nodeIds[node]), success);

    public override void PairLost(LossReason reason) => observer.PairLost(sessionId, reason);

    public override bool Hears(LossReason reason) => observer.Hears(reason);
}
