namespace QNet.Network.Entanglement;

/// <summary>
/// The memory a path protocol may use: slots at each end node, and slots on each side of every
/// repeater (one side faces each link). A link attempts on as many channels as it has free slots at
/// both its ends; a stored pair holds one slot at each of its ends.
/// </summary>
/// <param name="EndSlots">Slots at each end node (≥ 1); purification buffers pairs here.</param>
/// <param name="RepeaterSlotsPerSide">Slots on each side of each repeater (≥ 1).</param>
/// <param name="Pipelining">
/// When true (the default, as real repeaters do) a repeater's slots are free again as soon as it has
/// swapped them; when false they stay held until the pair they became part of is gone, so a segment
/// covered by a pair does not attempt (the textbook model of Shchukin, Schmidt and van Loock 2019).
/// </param>
public sealed record PathMemory(int EndSlots, int RepeaterSlotsPerSide, bool Pipelining = true)
{
    /// <summary>Slots at each end, validated.</summary>
    public int EndSlots { get; } = EndSlots >= 1 ? EndSlots : throw new ArgumentOutOfRangeException(nameof(EndSlots), EndSlots, "an end needs at least one slot.");

    /// <summary>Slots per repeater side, validated.</summary>
    public int RepeaterSlotsPerSide { get; } = RepeaterSlotsPerSide >= 1
        ? RepeaterSlotsPerSide
        : throw new ArgumentOutOfRangeException(nameof(RepeaterSlotsPerSide), RepeaterSlotsPerSide, "a repeater needs at least one slot per side.");

    /// <summary>One slot everywhere.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Single means one memory slot per node; the float type never appears near it.")]
    public static PathMemory Single { get; } = new(1, 1);
}
