using QNet.ControlPlane.Apis;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>A change the reconciler asks of the network (<see cref="INetworkPort.ExecuteAsync"/> carries it out).</summary>
internal abstract record ReconcileAction
{
    /// <summary>Submit the session an object asks for (its id in <see cref="SessionRequest.Id"/>).</summary>
    public sealed record SubmitSession(SessionRequest Request) : ReconcileAction;

    /// <summary>Cancel a session whose object is gone.</summary>
    public sealed record CancelSession(string SessionId) : ReconcileAction;

    /// <summary>Take a link out of service: inject a link-cut fault on it.</summary>
    public sealed record TakeLinkOutOfService(string Link) : ReconcileAction;

    /// <summary>Return a link to service: clear the link-cut fault the reconciler injected.</summary>
    public sealed record ReturnLinkToService(string Link, string FaultId) : ReconcileAction;
}
