namespace QNet.Kernel;

/// <summary>
/// An event handler that can say where the state an event of its will read lies, so a long queue can ask that state
/// into the cache while the event before it runs (a handler that keeps many entities' state in one table, the table
/// itself always hot, while the entity an event names is cold).
/// </summary>
public interface IPrefetchingHandler : IEventHandler
{
    /// <summary>
    /// The event (<paramref name="kind"/>, <paramref name="argument"/>) of this handler runs next: prefetch what it will
    /// read. A hint only: it must change nothing the program reads and must not fail.
    /// </summary>
    void Prefetch(int kind, long argument);
}
