namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// A status to write to one object, guarded by the resourceVersion it was computed from: the API server refuses the write
/// (409) when the object changed since, and the reconciler reads it again and recomputes.
/// </summary>
/// <param name="Kind">Which custom resource.</param>
/// <param name="Namespace">Namespace of the object.</param>
/// <param name="Name">Name of the object.</param>
/// <param name="ResourceVersion">metadata.resourceVersion the status was computed from.</param>
/// <param name="Status">A <see cref="QuantumSessionStatus"/> or a <see cref="QuantumLinkStatus"/>.</param>
internal sealed record StatusPatch(QuantumKind Kind, string Namespace, string Name, string ResourceVersion, object Status);
