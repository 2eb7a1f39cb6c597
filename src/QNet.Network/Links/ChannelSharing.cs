namespace QNet.Network.Links;

/// <summary>
/// How the sessions using one link share its parallel generation channels (<see cref="LinkChannelPool"/>). A policy
/// only matters while every channel is busy and more than one session waits for one; a free channel goes to whoever
/// asks. Each grant is one run of attempts up to one heralded pair.
/// </summary>
public enum ChannelSharing
{
    /// <summary><c>round-robin</c>: waiting sessions take turns, one heralded pair each (equal shares under contention).</summary>
    RoundRobin,

    /// <summary>
    /// <c>priority</c>: the waiting session of highest priority always goes first (equal priorities take turns); a
    /// lower one is served only when no higher one waits, so it starves while a higher one has demand.
    /// </summary>
    Priority,

    /// <summary>
    /// <c>proportional</c>: shares proportional to the sessions' requested rates (stride scheduling); a session without
    /// a rate counts as asking for the link's whole capacity.
    /// </summary>
    Proportional,
}
