using QNet.Physics.Hardware;

namespace QNet.Network.Scenarios;

/// <summary>A node of the scenario: an end node or a repeater, with its quantum memory.</summary>
/// <param name="Id">Unique node id (<c>id</c>).</param>
/// <param name="Kind">End node or repeater (<c>kind</c>).</param>
/// <param name="Memory">The node's memory (<c>memory</c>); defaults to ideal, 1 slot for an end node and 2 for a repeater.</param>
/// <param name="Swap">Swap protocol and Bell-state measurement (<c>swap</c>); set for repeaters (defaults if the file gives none), null for end nodes.</param>
public sealed record NodeSpec(string Id, NodeKind Kind, QuantumMemory Memory, SwapSpec? Swap = null)
{
    /// <summary>Node id.</summary>
    public string Id { get; } = SpecGuard.Id(Id, "id");

    /// <summary>Swap settings: non-null exactly when <see cref="Kind"/> is <see cref="NodeKind.Repeater"/>.</summary>
    public SwapSpec? Swap { get; } = (Kind == NodeKind.Repeater) == (Swap is not null)
        ? Swap
        : throw new ArgumentException("swap is required for repeater nodes and not allowed on end nodes.", nameof(Swap));

    /// <summary>
    /// <c>processingDelay</c> d in seconds (≥ 0, default 0): the node's classical processing time, added to
    /// every classical message it acts on (herald results at its end, swap outcomes it sends or receives) (F4).
    /// </summary>
    public double ProcessingDelaySeconds { get; init => field = SpecGuard.NonNegative(value, "processingDelay"); }

    /// <summary><c>switch</c>: buffer, policy and loss of a switch node; non-null exactly for <see cref="NodeKind.Switch"/> nodes built by the loader.</summary>
    public SwitchSpec? Switch { get; init; }

    /// <summary><c>position</c>: where the console's map draws the node; null when the file gives none (the map lays it out itself).</summary>
    public NodePosition? Position { get; init; }

    /// <summary><c>processor</c>: the quantum processor an end node hosts for compute sessions, or null.</summary>
    public QuantumProcessor? Processor { get; init; }

    /// <summary>Default memory of a node kind when the file gives none: ideal, 1 slot (end) or 2 slots (repeater).</summary>
    public static QuantumMemory DefaultMemory(NodeKind kind) => new(kind == NodeKind.Repeater ? 2 : 1);
}
