namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// A <c>QuantumLink</c> object (deploy/kubernetes/crds/quantumlinks.yaml): the operator's wish that a link of the running
/// network be in or out of service.
/// </summary>
/// <param name="Namespace">Kubernetes namespace.</param>
/// <param name="Name">Object name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="ResourceVersion">metadata.resourceVersion the object was read at.</param>
/// <param name="Generation">metadata.generation.</param>
/// <param name="Link">spec.link: id of a link of the network.</param>
/// <param name="InService">spec.inService (default true); false keeps the link cut.</param>
/// <param name="Status">The status last written, or null.</param>
internal sealed record QuantumLinkResource(string Namespace, string Name, string Uid, string ResourceVersion, long Generation, string Link, bool InService,
    QuantumLinkStatus? Status);
