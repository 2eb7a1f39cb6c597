namespace QNet.Kernel;

/// <summary>One entry of the event queue's heap, 16 bytes: the event's time and priority and the slot holding the rest.</summary>
internal struct HeapEntry
{
    public long Time;
    public int Priority;
    public int Slot;
}
