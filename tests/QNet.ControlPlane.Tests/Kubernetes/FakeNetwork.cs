using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Kubernetes;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>
/// An in-memory control plane for the reconciler: nodes alice, bob (end) and r1 (repeater), links alice-r1 and bob-r1.
/// Submitted sessions are admitted at once; it records every change asked of it. Its state outlives a reconciler (a store).
/// </summary>
internal sealed class FakeNetwork : INetworkPort
{
    private readonly Dictionary<string, SessionView> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _cuts = new(StringComparer.Ordinal);
    private int _faults;

    public static readonly IReadOnlyDictionary<string, NodeSpec> Nodes = new Dictionary<string, NodeSpec>(StringComparer.Ordinal)
    {
        ["alice"] = new("alice", NodeKind.End, new QuantumMemory(4)),
        ["bob"] = new("bob", NodeKind.End, new QuantumMemory(4)),
        ["r1"] = new("r1", NodeKind.Repeater, new QuantumMemory(8), SwapSpec.Default),
    };

    public List<ReconcileAction> Executed { get; } = [];

    public IReadOnlyDictionary<string, SessionView> Sessions => _sessions;

    /// <summary>Sets a session's delivered pairs, rate and mean fidelity (as the twin would after a while).</summary>
    public void Deliver(string id, long pairs, double rate, double fidelity) =>
        _sessions[id] = _sessions[id] with { Pairs = pairs, PairsPerSecond = rate, MeanFidelity = fidelity };

    /// <summary>An operator's own link cut through the faults API.</summary>
    public string CutByOperator(string link) => Cut(link);

    public IReadOnlyList<string> CutsOn(string link) => _cuts.GetValueOrDefault(link) ?? [];

    public Task<NetworkObservation> ObserveAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        var sessions = sessionIds.Where(_sessions.ContainsKey).ToDictionary(id => id, id => _sessions[id], StringComparer.Ordinal);
        var active = _sessions.Values.Where(s => s.Id.StartsWith(QuantumSessionResource.SessionIdPrefix, StringComparison.Ordinal) && s.Outcome is "pending" or "running" or "degraded")
            .Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var links = new Dictionary<string, LinkView>(StringComparer.Ordinal)
        {
            ["alice-r1"] = Link("alice-r1", "alice", "r1"),
            ["bob-r1"] = Link("bob-r1", "bob", "r1"),
        };
        var cuts = _cuts.Where(c => c.Value.Count > 0).ToDictionary(c => c.Key, c => (IReadOnlyList<string>)[.. c.Value], StringComparer.Ordinal);
        return Task.FromResult(new NetworkObservation(sessions, active, links, cuts, id => Nodes.GetValueOrDefault(id)));
    }

    public Task<bool> ExecuteAsync(ReconcileAction action, CancellationToken cancellationToken)
    {
        Executed.Add(action);
        switch (action)
        {
            case ReconcileAction.SubmitSession s:
                var r = s.Request;
                _sessions.TryAdd(r.Id!, new SessionView(r.Id!, r.Source!, r.Destination!, r.Application ?? "raw", "kubernetes", "running", null, true, [r.Source!, "r1", r.Destination!],
                    1, 1, 0.93, 0, null, null, r.MinFidelity ?? 0.5, "0123456789abcdef0123456789abcdef", DateTimeOffset.UnixEpoch));
                break;
            case ReconcileAction.CancelSession c:
                _sessions[c.SessionId] = _sessions[c.SessionId] with { Outcome = "cancelled", Reason = "cancelled through the API" };
                break;
            case ReconcileAction.TakeLinkOutOfService t:
                Cut(t.Link);
                break;
            case ReconcileAction.ReturnLinkToService u:
                _cuts[u.Link].Remove(u.FaultId);
                break;
        }
        return Task.FromResult(true);
    }

    private string Cut(string link)
    {
        string id = $"f-{++_faults}";
        if (!_cuts.TryGetValue(link, out var list))
        {
            _cuts[link] = list = [];
        }
        list.Add(id);
        return id;
    }

    private LinkView Link(string id, string a, string b)
    {
        bool up = CutsOn(id).Count == 0;
        return new LinkView(id, a, b, "single-click", up, 8000, 0.2, up ? 0.69 : 0, 1200, 0.95, 0, false);
    }
}
