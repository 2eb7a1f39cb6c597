using System.Runtime.InteropServices;
using QNet.ControlPlane.Telemetry;
using QNet.Network.Entanglement;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// What one session's partition tells the twin's observer, kept on the partition's thread: per link its heralds
/// (<see cref="HeraldTally"/>) and detector clicks, per repeater its swaps, its deliveries (<see cref="DeliveryTally"/>),
/// expired pairs and pairs below its fidelity target, all counts and exact sums, added to the observer's series at each
/// sync point (<see cref="Merge"/>), so the sums are the same as when every call reaches the observer one by one. What
/// needs the shared thread in the order of events is recorded and replayed at its time: the first use of a link, a
/// repeater or the session's class (series are created in that order), a link's first click in a detector window, and,
/// while <see cref="TwinObserver.Ordered"/> (a traced session, a stream subscriber, a meter listener; read when the
/// partition runs on from a sync point, <see cref="RunOn"/>, so one that starts meanwhile is heard from the next sync point on), every call whole.
/// </summary>
internal sealed class TwinPartitionObserver(TwinObserver observer, TwinMetrics metrics, string sessionId, IPartitionLog log) : IPartitionObserver
{
    // Record kinds: a first use or a window entry names a link or node by its number here; a whole call carries its arguments.
    private const int FirstHerald = 0, EnterWindow = 1, FirstSwap = 2, FirstDelivery = 3, FirstExpiry = 4, FirstMiss = 5;
    private const int Herald = 6, Swap = 7, Loss = 8, Delivery = 9;

    private readonly Dictionary<string, Link> _linkIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _nodeIds = new(StringComparer.Ordinal);
    private readonly List<Link> _links = [];  // in the order of first use here; records name them by number
    private readonly List<Node> _nodes = [];

    private DeliveryTally _delivered;
    private long _expired, _missed;
    private bool _deliveryKnown, _expiryKnown, _missKnown;       // first use recorded (partition thread)
    private bool _ordered = observer.Ordered;                   // as the partition last ran on (RunOn)
    private SessionState? _state;                               // resolved on the shared thread at the first delivery's replay
    private DeliverySeries? _deliveries;
    private string? _class;

    public PathReporter ReporterFor(IReadOnlyList<string> linkIds, IReadOnlyList<string> nodeIds) =>
        new Reporter(this, [.. linkIds.Select(LinkOf)], [.. nodeIds.Select(NodeOf)]);

    public void LinkPairGenerated(string linkId, double fidelity, double heraldLatencySeconds, bool darkCount) =>
        Heard(LinkOf(linkId), fidelity, heraldLatencySeconds, darkCount);

    public void SwapAttempted(string nodeId, bool success) => Swapped(NodeOf(nodeId), success);

    public void PairLost(LossReason reason)
    {
        if (_ordered)
        {
            if (observer.Hears(reason))
            {
                log.Record(Loss, (int)reason, 0, 0, false);
            }
            return;
        }
        if (reason == LossReason.Cutoff)
        {
            First(ref _expiryKnown, FirstExpiry);
            _expired++;
        }
        else if (reason == LossReason.BelowFidelity)
        {
            First(ref _missKnown, FirstMiss);
            _missed++;
        }
        // Any other loss is neither counted nor judged, and with nothing in order nobody hears it.
    }

    public void PairDelivered(double fidelity)
    {
        if (_ordered)
        {
            log.Record(Delivery, 0, fidelity, 0, false);
            return;
        }
        First(ref _deliveryKnown, FirstDelivery);
        _delivered.Observe(fidelity);
    }

    public void Replay(int kind, int index, double value, double latency, bool flag)
    {
        switch (kind)
        {
            case FirstHerald:
                _links[index].Shared ??= observer.ClickingHeraldsOf(_links[index].Id);
                break;
            case EnterWindow:
                metrics.Detectors.Enter(_links[index].Shared!.Clicks!);
                break;
            case FirstSwap:
                _nodes[index].Shared ??= metrics.SwapSeriesOf(_nodes[index].Id);
                break;
            case FirstDelivery:
                (_state, _deliveries) = observer.DeliveriesOf(sessionId);
                break;
            case FirstExpiry:
                metrics.Expired(_class ??= observer.ClassOf(sessionId), 0);
                break;
            case FirstMiss:
                metrics.SessionTargets.Judged(_class ??= observer.ClassOf(sessionId), met: false, 0);
                break;
            case Herald:
                observer.Herald(sessionId, _links[index].Shared ??= observer.HeraldsOf(_links[index].Id), value, latency, flag);
                break;
            case Swap:
                observer.Swap(sessionId, _nodes[index].Id, _nodes[index].Shared ??= metrics.SwapSeriesOf(_nodes[index].Id), flag);
                break;
            case Loss:
                observer.PairLost(sessionId, (LossReason)index);
                break;
            case Delivery:
                observer.PairDelivered(sessionId, value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a record of this observer");
        }
    }

    public void RunOn() => _ordered = observer.Ordered;

    public void Merge()
    {
        // A tally whose first use is not replayed yet (recorded after the shared simulator's next event) waits for the next merge.
        foreach (Link link in _links)
        {
            if (link.Heralds.Pairs > 0 && link.Shared is { } shared)
            {
                shared.Series.Add(link.Heralds);
                shared.Clicks!.Add(link.Heralds.Pairs, link.Photon);
                (link.Heralds, link.Photon) = (default, 0);
            }
        }
        foreach (Node node in _nodes)
        {
            if (node.Attempts > 0 && node.Shared is { } shared)
            {
                shared.Add(node.Attempts, node.Successes);
                (node.Attempts, node.Successes) = (0, 0);
            }
        }
        if (_delivered.Pairs > 0 && _deliveries is not null)
        {
            _deliveries.Add(_delivered);
            _state?.Delivered(_delivered);
            _delivered = default;
        }
        if (_expired > 0 && _class is not null)
        {
            metrics.Expired(_class, _expired);
            _expired = 0;
        }
        if (_missed > 0 && _class is not null)
        {
            metrics.SessionTargets.Judged(_class, met: false, _missed);
            _missed = 0;
        }
    }

    // Partition thread from here on (LinkOf and NodeOf also on the shared thread, while the partition stands still).
    private void Heard(Link link, double fidelity, double heraldLatencySeconds, bool darkCount)
    {
        if (_ordered)
        {
            log.Record(Herald, link.Number, fidelity, heraldLatencySeconds, darkCount);
            return;
        }
        First(ref link.Known, FirstHerald, link.Number);
        // The detector window changes only in shared events, while the partition stands still.
        int window = metrics.Detectors.Window;
        if (link.Window != window)
        {
            link.Window = window;
            log.Record(EnterWindow, link.Number, 0, 0, false);
        }
        link.Heralds.Observe(fidelity, heraldLatencySeconds);
        link.Photon += darkCount ? 0 : 1;
    }

    private void Swapped(Node node, bool success)
    {
        if (_ordered)
        {
            log.Record(Swap, node.Number, 0, 0, success);
            return;
        }
        First(ref node.Known, FirstSwap, node.Number);
        node.Attempts++;
        node.Successes += success ? 1 : 0;
    }

    // Records the first use of what `number` names (0 for the session's own figures), once.
    private void First(ref bool known, int kind, int number = 0)
    {
        if (!known)
        {
            known = true;
            log.Record(kind, number, 0, 0, false);
        }
    }

    private Link LinkOf(string id) => Numbered(_linkIds, _links, id, static (id, number) => new Link(id, number));

    private Node NodeOf(string id) => Numbered(_nodeIds, _nodes, id, static (id, number) => new Node(id, number));

    // The link or node of `id`, numbered in the order of first use here (records name it by that number).
    private static T Numbered<T>(Dictionary<string, T> byId, List<T> inOrder, string id, Func<string, int, T> make)
        where T : class
    {
        ref var found = ref CollectionsMarshal.GetValueRefOrAddDefault(byId, id, out _);
        if (found is null)
        {
            found = make(id, inOrder.Count);
            inOrder.Add(found);
        }
        return found;
    }

    // A link as this partition counts it; Shared is the observer's, set on the shared thread at its first use's replay.
    private sealed class Link(string id, int number)
    {
        public string Id { get; } = id;

        public int Number { get; } = number;

        public bool Known; // its first use is recorded

        public int Window { get; set; } = -1;

        public HeraldTally Heralds;

        public long Photon { get; set; }

        public LinkHeralds? Shared { get; set; }
    }

    private sealed class Node(string id, int number)
    {
        public string Id { get; } = id;

        public int Number { get; } = number;

        public bool Known; // its first use is recorded

        public long Attempts { get; set; }

        public long Successes { get; set; }

        public SwapSeries? Shared { get; set; }
    }

    // A path's reporter: links and nodes by position, resolved when the path is built.
    private sealed class Reporter(TwinPartitionObserver owner, Link[] links, Node[] nodes) : PathReporter
    {
        public override void LinkPairGenerated(int link, double fidelity, double heraldLatencySeconds, bool darkCount) =>
            owner.Heard(links[link], fidelity, heraldLatencySeconds, darkCount);

        public override void SwapAttempted(int node, bool success) => owner.Swapped(nodes[node], success);

        public override void PairLost(LossReason reason) => owner.PairLost(reason);
    }
}
