using QNet.Physics.Hardware;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>Reads the <c>nodes</c> list: id, kind, memory and (repeaters) swap.</summary>
internal static class NodeParser
{
    private static readonly string[] NodeKeys = ["id", "kind", "memory", "swap", "processingDelay", "switch", "position", "processor"];
    private static readonly string[] ProcessorKeys =
        ["qubits", "singleQubitGate", "twoQubitGate", "measurement", "singleQubitGateError", "twoQubitGateError", "readoutError"];
    private static readonly string[] MemoryKeys = ["slots", "t1", "t2", "efficiency"];
    private static readonly string[] PositionKeys = ["x", "y"];
    private static readonly string[] SwapKeys = ["protocol", "successProbability", "gateDepolarizing", "readoutError"];

    /// <summary>
    /// Parses every node. Returns the nodes that parsed cleanly and, separately, every id that was
    /// readable (so links naming a node with a bad field are not also reported as unknown).
    /// </summary>
    public static (List<NodeSpec> Nodes, HashSet<string> Ids) Parse(IReadOnlyList<YamlNode> items, ErrorSink errors)
    {
        var nodes = new List<NodeSpec>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var readers = new List<MappingReader>();
        for (int i = 0; i < items.Count; i++)
        {
            int before = errors.Count;
            MappingReader? reader = MappingReader.AsMapping(items[i], $"nodes[{i}]", errors, NodeKeys);
            if (reader is null)
            {
                continue;
            }
            readers.Add(reader);
            string? id = reader.Id("id");
            if (id is not null && !ids.Add(id))
            {
                reader.ErrorAt("id", $"duplicate node id '{id}'");
            }
            NodeKind? kind = reader.Choice("kind", ScenarioNames.NodeKinds, required: true);
            QuantumMemory? memory = kind == NodeKind.Switch ? NodeSpec.DefaultMemory(NodeKind.Switch) : ParseMemory(reader, kind ?? NodeKind.End);
            SwapSpec? swap = kind == NodeKind.Repeater ? ParseSwap(reader) : null;
            if (kind == NodeKind.End)
            {
                reader.Forbid("swap", "applies only to repeater nodes (this node is kind 'end')");
            }
            SwitchSpec? switchSpec = kind == NodeKind.Switch ? SwitchParser.Parse(reader) : null;
            if (kind is { } other && other != NodeKind.Switch)
            {
                reader.Forbid("switch", $"applies only to switch nodes (this node is kind '{ScenarioNames.Of(other)}')");
            }
            double? delay = reader.Quantity("processingDelay", Dimension.Duration, RangeRule.NonNegative);
            NodePosition? position = ParsePosition(reader);
            QuantumProcessor? processor = null;
            if (kind == NodeKind.End)
            {
                processor = ParseProcessor(reader);
            }
            else if (kind is { } notEnd)
            {
                reader.Forbid("processor", $"applies only to end nodes, the servers of compute sessions (this node is kind '{ScenarioNames.Of(notEnd)}')");
            }
            if (errors.Count == before && id is not null && kind is { } k && memory is not null)
            {
                nodes.Add(new NodeSpec(id, k, memory, swap) { ProcessingDelaySeconds = delay ?? 0, Switch = switchSpec, Position = position, Processor = processor });
            }
        }
        RequirePositionsOnAllOrNone(readers);
        return (nodes, ids);
    }

    /// <summary>The map draws scenario positions only when every node has one: a file that places some nodes and not others is a mistake.</summary>
    private static void RequirePositionsOnAllOrNone(List<MappingReader> readers)
    {
        var placed = readers.FirstOrDefault(r => r.Has("position"));
        if (placed is null)
        {
            return;
        }
        foreach (var reader in readers.Where(r => !r.Has("position")))
        {
            reader.Missing("position", $"{placed.Path} has a position, so every node needs one");
        }
    }

    private static QuantumMemory? ParseMemory(MappingReader node, NodeKind kind)
    {
        if (!node.Has("memory"))
        {
            return NodeSpec.DefaultMemory(kind);
        }
        MappingReader? memory = node.Mapping("memory", MemoryKeys);
        if (memory is null)
        {
            return null;
        }
        int before = memory.Errors.Count;
        long? slots = memory.Integer("slots", 1, int.MaxValue);
        double? t1 = memory.Quantity("t1", Dimension.Duration, RangeRule.Positive, allowInfinite: true);
        double? t2 = memory.Quantity("t2", Dimension.Duration, RangeRule.Positive, allowInfinite: true);
        double? efficiency = memory.Number("efficiency", RangeRule.Probability);
        // Without t2 the memory only relaxes: t2 = 2·t1 (no pure dephasing), infinite when t1 is too.
        if (t1 is { } relax && t2 is { } coherence && coherence > 2 * relax)
        {
            memory.ErrorAt("t2", $"t2 ({memory.Text("t2")}) cannot exceed 2·t1 ({memory.Text("t1")}): T2 includes the decay caused by T1");
        }
        return memory.Errors.Count != before
            ? null
            : new QuantumMemory(
                (int)(slots ?? NodeSpec.DefaultMemory(kind).Slots),
                t1 ?? double.PositiveInfinity,
                t2 ?? 2 * (t1 ?? double.PositiveInfinity),
                efficiency ?? 1);
    }

    /// <summary><c>position: { x, y }</c>: both required, finite numbers (map units, x east, y north); null when absent or wrong.</summary>
    private static NodePosition? ParsePosition(MappingReader node)
    {
        if (!node.Has("position"))
        {
            return null;
        }
        MappingReader? position = node.Mapping("position", PositionKeys);
        if (position is null)
        {
            return null;
        }
        double? x = position.Number("x", RangeRule.Any, required: true);
        double? y = position.Number("y", RangeRule.Any, required: true);
        return x is { } east && y is { } north ? new NodePosition(east, north) : null;
    }

    // A hosted processor: durations with units, errors as probabilities (QuantumProcessor's model).
    private static QuantumProcessor? ParseProcessor(MappingReader node)
    {
        MappingReader? p = node.Mapping("processor", ProcessorKeys);
        if (p is null)
        {
            return null;
        }
        int before = p.Errors.Count;
        long? qubits = p.Integer("qubits", 1, QuantumProcessor.MaxQubits);
        double? single = p.Quantity("singleQubitGate", Dimension.Duration, RangeRule.SimulatedInstant);
        double? two = p.Quantity("twoQubitGate", Dimension.Duration, RangeRule.SimulatedInstant);
        double? measurement = p.Quantity("measurement", Dimension.Duration, RangeRule.SimulatedInstant);
        double? singleError = p.Number("singleQubitGateError", RangeRule.Probability);
        double? twoError = p.Number("twoQubitGateError", RangeRule.Probability);
        double? readout = p.Number("readoutError", RangeRule.Probability);
        return p.Errors.Count != before
            ? null
            : new QuantumProcessor((int)(qubits ?? 2), single ?? 0, two ?? 0, measurement ?? 0, singleError ?? 0, twoError ?? 0, readout ?? 0);
    }

    private static SwapSpec? ParseSwap(MappingReader node)
    {
        if (!node.Has("swap"))
        {
            return SwapSpec.Default;
        }
        MappingReader? swap = node.Mapping("swap", SwapKeys);
        if (swap is null)
        {
            return null;
        }
        int before = swap.Errors.Count;
        SwapProtocol? protocol = swap.Choice("protocol", ScenarioNames.SwapProtocols);
        double? success = swap.Number("successProbability", RangeRule.PositiveProbability);
        double? gate = swap.Number("gateDepolarizing", RangeRule.Probability);
        double? readout = swap.Number("readoutError", RangeRule.Probability);
        return swap.Errors.Count != before
            ? null
            : new SwapSpec(protocol ?? SwapProtocol.Asap, new BellStateMeasurement(success ?? 1, gate ?? 0, readout ?? 0));
    }
}
