using QNet.Network.Scenarios;

namespace QNet.Network.Switching;

/// <summary>What one switch did in one run.</summary>
/// <param name="Id">Switch node id.</param>
/// <param name="Policy">Service policy used.</param>
/// <param name="Buffer">Slots per leaf.</param>
/// <param name="Seconds">Simulated seconds.</param>
/// <param name="Leaves">One report per leaf, in link order.</param>
/// <param name="Demands">One report per request class (session), in file order.</param>
public sealed record SwitchReport(string Id, SwitchPolicy Policy, int Buffer, double Seconds, IReadOnlyList<SwitchLeafReport> Leaves, IReadOnlyList<SwitchDemandReport> Demands)
{
    /// <summary>Capacity: entangled pairs delivered per second over every two-leaf request.</summary>
    public double PairsPerSecond => Demands.Where(d => d.Leaves.Count == 2).Sum(d => d.Served) / Seconds;

    /// <summary>GHZ states delivered per second over every request of three or more leaves.</summary>
    public double GhzPerSecond => Demands.Where(d => d.Leaves.Count > 2).Sum(d => d.Served) / Seconds;
}

/// <summary>One leaf's buffer at the switch.</summary>
/// <param name="Node">Leaf node id.</param>
/// <param name="Link">Link id.</param>
/// <param name="Attempts">Generation attempts made by the link.</param>
/// <param name="Generated">Pairs heralded by the link.</param>
/// <param name="Dropped">Heralded pairs that found the buffer full.</param>
/// <param name="Lost">Stored qubits lost to the exponential lifetime.</param>
/// <param name="Expired">Stored qubits discarded by the cut-off.</param>
/// <param name="Used">Stored qubits consumed by swaps or fusions.</param>
/// <param name="MeanOccupancy">Time-averaged number of qubits stored for this leaf.</param>
public sealed record SwitchLeafReport(string Node, string Link, long Attempts, long Generated, long Dropped, long Lost, long Expired, long Used, double MeanOccupancy);

/// <summary>One request class (session) at the switch.</summary>
/// <param name="Session">Session id.</param>
/// <param name="Leaves">Leaf node ids it joins.</param>
/// <param name="Requests">Requests that arrived (0 for an always-on demand).</param>
/// <param name="Served">States delivered (successful swaps or fusions).</param>
/// <param name="FailedSwaps">Swaps or fusions that failed (the request kept waiting).</param>
/// <param name="ServedPerSecond">Served per simulated second.</param>
/// <param name="MeanWaitSeconds">Mean time from a request's arrival to its delivery (NaN without served requests or for always-on demand).</param>
/// <param name="MeanQubitAgeSeconds">Mean storage time of the qubits a delivered state consumed (NaN without one).</param>
/// <param name="Fidelity">Fidelity of each delivered state: to Φ+ for a pair, to GHZ for three or more leaves (ideal swap or fusion of the leaves' heralded pairs).</param>
public sealed record SwitchDemandReport(
    string Session,
    IReadOnlyList<string> Leaves,
    long Requests,
    long Served,
    long FailedSwaps,
    double ServedPerSecond,
    double MeanWaitSeconds,
    double MeanQubitAgeSeconds,
    double Fidelity);
