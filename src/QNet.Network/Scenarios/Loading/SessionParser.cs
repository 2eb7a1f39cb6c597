using QNet.Qkd;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads the optional <c>sessions</c> list: requests for end-to-end pairs, checked against
/// <see cref="SessionRequestRules"/> (the rules the control API applies too).
/// </summary>
internal static class SessionParser
{
    private static readonly string[] SessionKeys =
    [
        "id", "source", "destination", "minFidelity", "application", "pairs", "rate", "start", "duration",
        "priority", "purification", "cutoff", "parties", "qkd", "memorySlots", "pipelining", "compute",
    ];

    private static readonly string[] ComputeKeys = ["circuit", "gate"];

    private static readonly string[] PurificationKeys = ["scheme", "rounds", "mode", "scope", "targetFidelity"];

    /// <param name="items">The list's items.</param>
    /// <param name="nodeIds">Every node id written in the file (also those of nodes with errors, so they are not reported twice).</param>
    /// <param name="nodes">The nodes that were read, for their kind.</param>
    /// <param name="errors">Where problems go.</param>
    public static List<SessionSpec> Parse(IReadOnlyList<YamlNode> items, IReadOnlySet<string> nodeIds, IReadOnlyList<NodeSpec> nodes, ErrorSink errors)
    {
        var byId = new Dictionary<string, NodeSpec>(StringComparer.Ordinal);
        foreach (NodeSpec n in nodes)
        {
            byId.TryAdd(n.Id, n);
        }
        var sessions = new List<SessionSpec>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            int before = errors.Count;
            MappingReader? reader = MappingReader.AsMapping(items[i], $"sessions[{i}]", errors, SessionKeys);
            if (reader is null)
            {
                continue;
            }
            string? id = reader.Id("id");
            if (id is not null && !ids.Add(id))
            {
                reader.ErrorAt("id", $"duplicate session id '{id}'");
            }
            string? source = NodeRef(reader, "source", nodeIds, byId);
            string? destination = NodeRef(reader, "destination", nodeIds, byId);
            if (source is not null && source == destination)
            {
                reader.ErrorAt("destination", $"must differ from source ('{source}')");
            }
            SessionApplication application = reader.Choice("application", ScenarioNames.Applications) ?? SessionApplication.Raw;
            // With a bad id or endpoint the body is still read (with placeholders) so its errors are reported too.
            bool endsValid = source is not null && destination is not null && source != destination;
            SessionSpec session = ParseBody(
                reader,
                new SessionSpec(id ?? "_", endsValid ? source! : "_a", endsValid ? destination! : "_b", application),
                nodeIds,
                byId);
            if (errors.Count == before)
            {
                sessions.Add(session);
            }
        }
        return sessions;
    }

    private static SessionSpec ParseBody(MappingReader reader, SessionSpec session, IReadOnlySet<string> nodeIds, Dictionary<string, NodeSpec> nodes)
    {
        if (reader.Has("pairs") && reader.Has("rate"))
        {
            reader.Forbid("rate", "cannot be given together with pairs; ask for a number of pairs or a rate");
        }
        session = session with
        {
            MinFidelity = reader.Number("minFidelity", SessionRequestRules.MinFidelity) ?? 0,
            Pairs = reader.Integer("pairs", SessionRequestRules.MinPairs, long.MaxValue),
            RateHz = reader.Quantity("rate", Dimension.Frequency, SessionRequestRules.RateHz),
            StartSeconds = reader.Quantity("start", Dimension.Duration, SessionRequestRules.StartSeconds) ?? 0,
            DurationSeconds = reader.Quantity("duration", Dimension.Duration, SessionRequestRules.DurationSeconds),
            Priority = (int)(reader.Integer("priority", SessionRequestRules.MinPriority, SessionRequestRules.MaxPriority) ?? 0),
            MemorySlots = (int?)reader.Integer("memorySlots", 1, SessionRequestRules.MaxMemorySlots),
            CutoffSeconds = reader.Quantity("cutoff", Dimension.Duration, SessionRequestRules.CutoffSeconds),
            Purification = Purification(reader),
            Pipelining = reader.Flag("pipelining") ?? true,
        };

        if (session.Application == SessionApplication.Ghz)
        {
            session = session with { Parties = Parties(reader, session, nodeIds, nodes) };
            // An absent or empty list (a list whose items all have errors is reported item by item).
            if (reader.Value("parties") is null or YamlSequenceNode { Children.Count: 0 })
            {
                reader.ErrorAt("parties", SessionRequestRules.GhzNeedsParties);
            }
        }
        else
        {
            reader.Forbid("parties", SessionRequestRules.PartiesOnlyForGhz);
        }

        if (session.Application == SessionApplication.Compute)
        {
            session = session with { Compute = Compute(reader) };
            if (session.Destination != "_b" && nodes.ContainsKey(session.Destination)
                && SessionRequestRules.ComputeServerProblem(session.Destination, nodes.GetValueOrDefault) is { } server)
            {
                reader.ErrorAt("destination", server);
            }
        }
        else
        {
            reader.Forbid("compute", "applies only to sessions with application: compute");
        }

        if (session.Application == SessionApplication.Qkd)
        {
            session = session with { Qkd = reader.Has("qkd") ? QkdParser.Parse(reader, "qkd", heralding: null) : new QkdSpec(QkdProtocol.Bbm92) };
        }
        else
        {
            reader.Forbid("qkd", "applies only to sessions with application: qkd");
        }
        return session;
    }

    private static string? NodeRef(MappingReader reader, string key, IReadOnlySet<string> nodeIds, Dictionary<string, NodeSpec> nodes)
    {
        string? name = reader.Text(key, required: true);
        if (name is null)
        {
            return null;
        }
        if (!nodeIds.Contains(name))
        {
            string? near = Spelling.Closest(name, nodeIds);
            reader.ErrorAt(key, $"unknown node '{name}'" + (near is null ? "" : $" (did you mean '{near}'?)"));
            return null;
        }
        // A node whose own entry has errors is not in nodes; those errors are reported there.
        if (nodes.ContainsKey(name) && SessionRequestRules.EndpointProblem(name, nodes.GetValueOrDefault) is { } problem)
        {
            reader.ErrorAt(key, problem);
            return null;
        }
        return name;
    }

    private static List<string> Parties(MappingReader reader, SessionSpec session, IReadOnlySet<string> nodeIds, Dictionary<string, NodeSpec> nodes)
    {
        var parties = new List<string>();
        IReadOnlyList<YamlNode>? items = reader.Sequence("parties");
        for (int k = 0; items is not null && k < items.Count; k++)
        {
            string field = reader.FieldOf($"parties[{k}]");
            string? name = MappingReader.ScalarText(items[k], field, reader.Errors);
            if (name is null)
            {
                continue;
            }
            if (!nodeIds.Contains(name))
            {
                reader.Errors.Add(items[k], field, $"unknown node '{name}'");
            }
            // A node whose own entry has errors is not in nodes; those errors are reported there.
            else if (nodes.ContainsKey(name)
                && SessionRequestRules.PartyProblem(name, session.Source, session.Destination, parties, nodes.GetValueOrDefault) is { } problem)
            {
                reader.Errors.Add(items[k], field, problem);
            }
            else
            {
                parties.Add(name);
            }
        }
        return parties;
    }

    private static ComputeSpec Compute(MappingReader reader)
    {
        MappingReader? block = reader.Mapping("compute", ComputeKeys);
        if (block is null)
        {
            return new ComputeSpec();
        }
        ComputeCircuit circuit = block.Choice("circuit", ScenarioNames.ComputeCircuits) ?? ComputeCircuit.RemoteCnot;
        if (circuit != ComputeCircuit.TeleportGate)
        {
            block.Forbid("gate", SessionRequestRules.GateOnlyForTeleportGate);
            return new ComputeSpec(circuit);
        }
        return new ComputeSpec(circuit, block.Choice("gate", ScenarioNames.ServerGates) ?? QNet.Physics.Compute.ServerGate.H);
    }

    private static PurificationSpec? Purification(MappingReader reader)
    {
        MappingReader? block = reader.Mapping("purification", PurificationKeys);
        if (block is null)
        {
            return null;
        }
        PurificationScheme? scheme = block.Choice("scheme", ScenarioNames.PurificationSchemes, required: true);
        long? rounds = block.Integer("rounds", SessionRequestRules.MinPurificationRounds, SessionRequestRules.MaxPurificationRounds);
        PurificationMode? mode = block.Choice("mode", ScenarioNames.PurificationModes);
        PurificationScope? scope = block.Choice("scope", ScenarioNames.PurificationScopes);
        double? target = block.Number("targetFidelity", SessionRequestRules.PurificationTargetFidelity);
        return scheme is { } s
            ? new PurificationSpec(s, (int)(rounds ?? 1), mode ?? PurificationMode.Recurrence, scope ?? PurificationScope.EndToEnd, target)
            : null;
    }
}
