using QNet.ControlPlane.Apis;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// A <c>QuantumSession</c> object as the reconciler sees it (deploy/kubernetes/crds/quantumsessions.yaml). The session it
/// asks for has the id <see cref="SessionId"/>, derived from the object's uid: the same object always names the same
/// session, so a restarted or newly elected replica finds it in the store instead of submitting it twice.
/// </summary>
/// <param name="Namespace">Kubernetes namespace.</param>
/// <param name="Name">Object name.</param>
/// <param name="Uid">metadata.uid (unique in space and time).</param>
/// <param name="ResourceVersion">metadata.resourceVersion the object was read at (optimistic concurrency).</param>
/// <param name="Generation">metadata.generation (bumped by spec changes).</param>
/// <param name="Spec">The session request (spec), as the session API takes it.</param>
/// <param name="Status">The status last written, or null.</param>
internal sealed record QuantumSessionResource(string Namespace, string Name, string Uid, string ResourceVersion, long Generation, SessionRequest Spec,
    QuantumSessionStatus? Status)
{
    /// <summary>Prefix of every session id the reconciler submits; the rest is the object's uid.</summary>
    public const string SessionIdPrefix = "k8s-";

    /// <summary>Id of the session in the control plane: <c>k8s-</c> and the uid (40 characters, within <see cref="QNet.Network.Scenarios.IdRule"/>).</summary>
    public string SessionId => SessionIdPrefix + Uid;

    /// <summary>The request to submit: the spec under <see cref="SessionId"/>.</summary>
    public SessionRequest Request => Spec with { Id = SessionId };
}
