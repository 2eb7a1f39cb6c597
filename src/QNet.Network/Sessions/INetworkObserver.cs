using QNet.Network.Entanglement;

namespace QNet.Network.Sessions;

/// <summary>
/// Hears what the network does, as it happens (simulated time is the simulator's <c>Now</c> at the
/// call): the control plane turns these into metrics and its event stream. Calls come from the
/// simulation thread and must return quickly. Reasons and changes are enums; <see cref="SessionNames"/> spells them.
/// </summary>
/// <remarks>Heralded link pairs, swap attempts and lost pairs are declared by <see cref="IPathObserver"/>, which path protocols report to.</remarks>
public interface INetworkObserver : IPathObserver
{
    /// <summary>A pair reached the session's application.</summary>
    void PairDelivered(string sessionId, double fidelity);

    /// <summary>A session was admitted, refused, rerouted, restarted, ended, failed or cancelled; <paramref name="report"/> is its state after the change.</summary>
    void SessionChanged(SessionReport report, SessionChange change);

    /// <summary>
    /// What a session partition of <paramref name="sessionId"/> reports to on its own thread (called on the shared thread when
    /// the partition is made), or null (the default) to have every call recorded and replayed here.
    /// </summary>
    IPartitionObserver? ForPartition(string sessionId, IPartitionLog log) => null;
}
