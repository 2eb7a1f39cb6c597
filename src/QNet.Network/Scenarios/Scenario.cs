using QNet.Network.Mitigation;

namespace QNet.Network.Scenarios;

/// <summary>
/// A validated scenario: the network (nodes and links), the requests on it (sessions), and how long
/// and with which seed to simulate it. Load one with <see cref="ScenarioLoader"/>.
/// </summary>
/// <param name="Name">Scenario name (<c>name</c>).</param>
/// <param name="Seed">Root seed of every random stream (<c>seed</c>, default 1).</param>
/// <param name="DurationSeconds">Simulated time to run, in seconds (<c>duration</c>, default 10 s).</param>
/// <param name="Nodes">Nodes in file order (<c>nodes</c>, at least one).</param>
/// <param name="Links">Links in file order (<c>links</c>, default none).</param>
/// <param name="Sessions">Session requests in file order (<c>sessions</c>, default none).</param>
public sealed record Scenario(
    string Name,
    ulong Seed,
    double DurationSeconds,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyList<LinkSpec> Links,
    IReadOnlyList<SessionSpec> Sessions)
{
    /// <summary>Seed used when the file gives none.</summary>
    public const ulong DefaultSeed = 1;

    /// <summary>Simulated duration used when the file gives none, in seconds.</summary>
    public const double DefaultDurationSeconds = 10;

    /// <summary>Longest simulated duration, in seconds (100 days; the kernel's picosecond clock spans about 106).</summary>
    public const double MaxDurationSeconds = 100 * 86_400;

    /// <summary>Scenario name.</summary>
    public string Name { get; } = !string.IsNullOrWhiteSpace(Name) ? Name : throw new ArgumentException("name must not be empty.", nameof(Name));

    /// <summary>Simulated duration in seconds (&gt; 0, at most <see cref="MaxDurationSeconds"/>).</summary>
    public double DurationSeconds { get; } = DurationSeconds is > 0 and <= MaxDurationSeconds
        ? DurationSeconds
        : throw new ArgumentOutOfRangeException(nameof(DurationSeconds), DurationSeconds, "duration must be greater than 0 and at most 100 days.");

    // Indexes for lookups in large topologies; building them also rejects duplicate ids and
    // references to unknown nodes when a scenario is built in code rather than loaded.
    private readonly Dictionary<string, NodeSpec> _nodes = Index(Nodes, n => n.Id, "node");
    private readonly Dictionary<string, LinkSpec> _links = Index(Links, l => l.Id, "link");
    private readonly Dictionary<string, SessionSpec> _sessions = Index(Sessions, s => s.Id, "session");
    private readonly Dictionary<string, List<LinkSpec>> _linksByNode = LinksByNode(Nodes, Links);

    /// <summary>Optional free text (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Faults replayed on the simulator's clock (<c>faults</c>, default none).</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Calibration jobs run as scheduled simulator work (<c>calibration</c>, default none).</summary>
    public IReadOnlyList<CalibrationSpec> Calibration { get; init; } = [];

    /// <summary>
    /// The operator's mitigation policy the control plane starts with (<c>mitigation</c>, the fields of
    /// <c>PUT /api/v1/mitigation</c> over <see cref="MitigationPolicy.Default"/>), or null when the file has none.
    /// </summary>
    public MitigationPolicy? Mitigation { get; init; }

    /// <summary>The node with id <paramref name="id"/>, or null.</summary>
    public NodeSpec? FindNode(string id) => _nodes.GetValueOrDefault(id);

    /// <summary>The link with id <paramref name="id"/>, or null.</summary>
    public LinkSpec? FindLink(string id) => _links.GetValueOrDefault(id);

    /// <summary>The session with id <paramref name="id"/>, or null.</summary>
    public SessionSpec? FindSession(string id) => _sessions.GetValueOrDefault(id);

    /// <summary>The links that end at node <paramref name="nodeId"/>, in file order (empty for an unknown node).</summary>
    public IReadOnlyList<LinkSpec> LinksOf(string nodeId) => _linksByNode.TryGetValue(nodeId, out var links) ? links : [];

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> items, Func<T, string> id, string what)
    {
        var index = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (T item in items)
        {
            if (!index.TryAdd(id(item), item))
            {
                throw new ArgumentException($"duplicate {what} id '{id(item)}'.", what + "s");
            }
        }
        return index;
    }

    private static Dictionary<string, List<LinkSpec>> LinksByNode(IReadOnlyList<NodeSpec> nodes, IReadOnlyList<LinkSpec> links)
    {
        var byNode = nodes.ToDictionary(n => n.Id, _ => new List<LinkSpec>(), StringComparer.Ordinal);
        foreach (LinkSpec link in links)
        {
            foreach (string end in (string[])[link.NodeA, link.NodeB])
            {
                if (!byNode.TryGetValue(end, out var list))
                {
                    throw new ArgumentException($"link '{link.Id}' names unknown node '{end}'.", nameof(links));
                }
                list.Add(link);
            }
        }
        return byNode;
    }
}
