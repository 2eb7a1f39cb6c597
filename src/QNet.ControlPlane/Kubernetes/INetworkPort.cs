namespace QNet.ControlPlane.Kubernetes;

/// <summary>The control plane as the reconciler reads and changes it (the twin here; node agents behind it later).</summary>
internal interface INetworkPort
{
    /// <summary>Observes the sessions <paramref name="sessionIds"/> name (in memory or in the store), the active sessions the
    /// reconciler submitted, the links and the link cuts.</summary>
    Task<NetworkObservation> ObserveAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken);

    /// <summary>Carries out one change; false when the control plane could not take it now (busy), to be tried on the next pass.
    /// A change already made (the session exists, the fault is already cleared) counts as done.</summary>
    Task<bool> ExecuteAsync(ReconcileAction action, CancellationToken cancellationToken);
}
