namespace QNet.Network.Scenarios;

/// <summary>
/// Which request a switch serves when a new qubit or request makes several of them servable at once.
/// Requests compete for the same buffered qubit only when they share a leaf.
/// </summary>
public enum SwitchPolicy
{
    /// <summary><c>oldest-first</c>: the request whose leaves hold the oldest buffered qubit (fewest cut-off and loss discards).</summary>
    OldestFirst,

    /// <summary><c>longest-queue</c>: the request whose leaves hold the most buffered qubits in total (ties: file order).</summary>
    LongestQueue,

    /// <summary><c>weighted</c>: a random servable request, with probability proportional to its demand weight.</summary>
    Weighted,
}
