namespace QNet.Kernel;

/// <summary>
/// Identifies one scheduled event so that it can be cancelled. A handle whose event has
/// already run or been cancelled is stale; cancelling it does nothing.
/// </summary>
public readonly record struct EventHandle(int Slot, int Generation)
{
    /// <summary>A handle that names no event.</summary>
    public static readonly EventHandle None = new(-1, 0);
}
