using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Entanglement;

/// <summary>
/// A path through the network as the swapping protocol sees it: positions 0..k (end, repeaters, end)
/// and the k links between them.
/// </summary>
/// <param name="Nodes">Node ids, source first.</param>
/// <param name="LinkIds">Link ids; link j joins positions j and j+1.</param>
/// <param name="LinkModels">Heralding model of each link.</param>
/// <param name="Memories">Memory of each position.</param>
/// <param name="Measurements">Bell-state measurement of each position (ends: unused).</param>
/// <param name="LinkDelaysSeconds">One-way classical delay of each link, in seconds (0 for abstract links without a length).</param>
public sealed record PathDefinition(
    IReadOnlyList<string> Nodes,
    IReadOnlyList<string> LinkIds,
    IReadOnlyList<ILinkModel> LinkModels,
    IReadOnlyList<QuantumMemory> Memories,
    IReadOnlyList<BellStateMeasurement> Measurements,
    IReadOnlyList<double> LinkDelaysSeconds)
{
    /// <summary>Number of links (segments).</summary>
    public int Segments => LinkIds.Count;

    /// <summary>Checks that the lists agree in length.</summary>
    public void Validate()
    {
        int k = LinkIds.Count;
        if (k < 1 || Nodes.Count != k + 1 || LinkModels.Count != k || Memories.Count != k + 1 || Measurements.Count != k + 1 || LinkDelaysSeconds.Count != k)
        {
            throw new ArgumentException($"A path of {k} links needs {k + 1} nodes, memories and measurements and {k} link models and delays.");
        }
    }
}
