using QNet.Network.Entanglement;

namespace QNet.Network.Sessions;

/// <summary>A path's reporter inside a session partition: each call is recorded, to reach the partition's reporter number <paramref name="target"/> when replayed.</summary>
/// <remarks>A loss the target does not hear (<see cref="PathReporter.Hears"/>: a failed swap with no one listening) is not recorded.</remarks>
internal sealed class RecordingPathReporter(SessionPartition partition, int target, PathReporter reporter) : PathReporter
{
    public override void LinkPairGenerated(int link, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        partition.Record(SessionPartition.EntryKind.PathHerald, target, link, fidelity, heraldLatencySeconds, darkCount);

    public override void SwapAttempted(int node, bool success) =>
        partition.Record(SessionPartition.EntryKind.PathSwap, target, node, 0, 0, success);

    public override void PairLost(LossReason reason)
    {
        if (reporter.Hears(reason))
        {
            partition.Record(SessionPartition.EntryKind.PathLoss, target, (int)reason, 0, 0, false);
        }
    }
}
