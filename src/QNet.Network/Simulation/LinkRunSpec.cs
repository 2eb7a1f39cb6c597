using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Simulation;

/// <summary>One link to run in a link-layer simulation.</summary>
/// <param name="Id">Link id.</param>
/// <param name="Model">Heralding scheme and hardware.</param>
/// <param name="MemoryA">Memory of the first node.</param>
/// <param name="MemoryB">Memory of the second node.</param>
/// <param name="Channels">Parallel channels (memory-slot pairs) the link may use, at least 1.</param>
public sealed record LinkRunSpec(string Id, ILinkModel Model, QuantumMemory MemoryA, QuantumMemory MemoryB, int Channels = 1);
