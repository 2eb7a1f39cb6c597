namespace QNet.Architecture.Tests;

/// <summary>
/// The arrows between the feature folders (namespaces) of QNet.Network, read from its compiled IL:
/// a folder may use only the folders listed for it below, the table is layered (no cycles), and
/// the QKD project is used only where QKD runs on delivered pairs. A sub-namespace counts as its
/// folder (<c>QNet.Network.Scenarios.Loading</c> is <c>Scenarios</c>).
/// </summary>
public sealed class NetworkNamespaceTests
{
    private const string Prefix = "QNet.Network.";

    /// <summary>The QNet.Qkd project and its namespaces, as one node.</summary>
    private const string Qkd = "QNet.Qkd";

    /// <summary>
    /// Folder → the folders it may use, from the bottom layer up; a folder may use only folders
    /// listed before it. A new use downward is an edit of this table; a use upward is a design error
    /// (move the type to the layer it belongs to). <see cref="Qkd"/> (the QKD project) is reached only
    /// where QKD runs on delivered pairs: the <c>Qkd</c> folder, and <c>Sessions</c>, which hands the
    /// key sink to it; and by <c>Scenarios</c>, whose files name the one <c>QkdProtocol</c> enum and
    /// default to the QKD parameter records' constants.
    /// </summary>
    internal static readonly (string Folder, string[] Uses)[] Layers =
    [
        ("Links", []),                                       // link models (physics only)
        ("Mitigation", []),                                  // the mitigation policy as a spec: records, enums, their one name table
        ("Scenarios", ["Links", "Mitigation", Qkd]),                       // the scenario model and its loader, which builds each link as the simulator will; names QkdProtocol and reads QKD defaults
        ("Applications", []),                                // teleportation, GHZ fusion (physics only)
        ("Entanglement", ["Links", "Scenarios"]),
        ("Routing", ["Entanglement", "Links", "Scenarios"]),
        ("Qkd", ["Scenarios", Qkd]),                         // BBM92 on delivered pairs
        ("Sessions", ["Qkd", "Routing", "Entanglement", "Links", "Applications", "Scenarios", Qkd]),
        ("Faults", ["Sessions", "Routing", "Entanglement", "Links", "Scenarios"]),  // applies the scenario's fault specs to a running scheduler
        ("Switching", ["Links", "Scenarios"]),              // the quantum switch: leaf buffers and their service
        ("Simulation", ["Faults", "Sessions", "Qkd", "Routing", "Entanglement", "Links", "Scenarios", "Switching"]),
        ("Sweeps", ["Simulation", "Sessions", "Links", "Scenarios"]),
        ("Generators", ["Scenarios"]),
        ("Planning", ["Generators", "Simulation", "Sessions", "Routing", "Entanglement", "Links", "Scenarios"]),
    ];

    private static string? Node(string ns) =>
        ns.StartsWith(Prefix, StringComparison.Ordinal) ? ns[Prefix.Length..].Split('.')[0]
        : ns == Qkd || ns.StartsWith(Qkd + ".", StringComparison.Ordinal) ? Qkd
        : null;

    /// <summary>Folder → folder uses found in the compiled QNet.Network, each with one example.</summary>
    private static List<(string From, string To, string Example)> Uses() =>
        TypeReferences.NamespaceUses(Repository.AssemblyPath("QNet.Network"))
            .Select(u => (From: Node(u.From), To: Node(u.To), u.Example))
            .Where(u => u.From is not null && u.To is not null && u.From != u.To && u.From != Qkd)
            .Select(u => (u.From!, u.To!, u.Example))
            .ToList();

    [Fact]
    public void Layers_EachFolderUsesOnlyFoldersBelowIt_TableHasNoCycle()
    {
        var seen = new HashSet<string> { Qkd };
        foreach ((string folder, string[] uses) in Layers)
        {
            string[] above = uses.Where(u => !seen.Contains(u)).ToArray();
            Assert.True(above.Length == 0, $"{folder} may use {string.Join(", ", above)}, which is not below it in the table.");
            seen.Add(folder);
        }
    }

    [Fact]
    public void Layers_EveryFolderOfNetwork_IsListed()
    {
        string[] folders = Directory.GetDirectories(Path.Combine(Repository.Root, "src", "QNet.Network"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(folders, Layers.Select(l => l.Folder).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void CompiledNetwork_FolderUses_FollowTheLayers()
    {
        Dictionary<string, string[]> allowed = Layers.ToDictionary(l => l.Folder, l => l.Uses);
        string[] wrong = Uses()
            .Where(u => !allowed.TryGetValue(u.From, out string[]? uses) || !uses.Contains(u.To))
            .Select(u => $"{u.From} -> {u.To} ({u.Example})")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(wrong.Length == 0, "uses against the table of NetworkNamespaceTests:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void CompiledNetwork_FolderUses_HaveNoCycle()
    {
        // Independent of the table: a cycle found here names its folders even if the table were wrong.
        var edges = Uses().GroupBy(u => u.From).ToDictionary(g => g.Key, g => g.Select(u => u.To).ToHashSet());
        var state = new Dictionary<string, bool>(); // false: on the current path; true: finished
        var path = new List<string>();
        string? cycle = null;

        void Visit(string node)
        {
            if (cycle is not null || (state.TryGetValue(node, out bool done) && done))
            {
                return;
            }
            if (state.ContainsKey(node))
            {
                cycle = string.Join(" -> ", path.SkipWhile(p => p != node).Append(node));
                return;
            }
            state[node] = false;
            path.Add(node);
            foreach (string next in edges.GetValueOrDefault(node) ?? [])
            {
                Visit(next);
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
        }

        foreach (string node in edges.Keys.Order(StringComparer.Ordinal))
        {
            Visit(node);
        }
        Assert.True(cycle is null, $"namespace cycle in QNet.Network: {cycle}");
    }
}
