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
    private readonly IReadOnlyList<double> _processing = [];

    /// <summary>
    /// Classical processing delay of each position's node, in seconds (≥ 0), added to every classical
    /// message the node acts on; empty (the default) means none anywhere.
    /// </summary>
    public IReadOnlyList<double> ProcessingDelaysSeconds
    {
        get => _processing;
        init => _processing = value.All(d => double.IsFinite(d) && d >= 0)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ProcessingDelaysSeconds), "processingDelay must be finite and at least 0.");
    }

    /// <summary>Processing delay of the node at <paramref name="position"/>, in seconds (0 when none were given).</summary>
    public double ProcessingDelayAt(int position) => _processing.Count == 0 ? 0 : _processing[position];

    /// <summary>Number of links (segments).</summary>
    public int Segments => LinkIds.Count;

    /// <summary>Checks that the lists agree in length.</summary>
    public void Validate()
    {
        int k = LinkIds.Count;
        if (k < 1 || Nodes.Count != k + 1 || LinkModels.Count != k || Memories.Count != k + 1 || Measurements.Count != k + 1 || LinkDelaysSeconds.Count != k
            || (_processing.Count != 0 && _processing.Count != k + 1))
        {
            throw new ArgumentException($"A path of {k} links needs {k + 1} nodes, memories, measurements and processing delays (or none) and {k} link models and delays.");
        }
    }
}
