using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Kubernetes;

/// <summary><c>.status</c> of a <c>QuantumLink</c>: the link's live state and what keeps it out of service.</summary>
/// <param name="Up">From the link's own health: false while cut or out of service; null for an unknown link.</param>
/// <param name="Transmittance">Channel transmittance 0..1 (0 while cut).</param>
/// <param name="PairsGenerated">Heralded pairs since the twin started.</param>
/// <param name="MeanFidelity">Mean heralded fidelity, 0..1.</param>
/// <param name="OutOfServiceFault">Id of the link-cut fault the reconciler keeps active while spec.inService is false.</param>
/// <param name="Message">What stops the spec from being followed, or null.</param>
/// <param name="ObservedGeneration">metadata.generation this status answers.</param>
internal sealed record QuantumLinkStatus(bool? Up, double? Transmittance, long? PairsGenerated, double? MeanFidelity, string? OutOfServiceFault, string? Message,
    long ObservedGeneration)
{
    private const int Decimals = 4;

    /// <summary>The status of a link the network has.</summary>
    public static QuantumLinkStatus Of(LinkView link, string? fault, long generation) => new(link.Up, Math.Round(link.Transmittance, Decimals), link.PairsGenerated,
        link.MeanFidelity is { } f ? Math.Round(f, Decimals) : null, fault, null, generation);

    /// <summary>The status of an object naming a link the network does not have.</summary>
    public static QuantumLinkStatus Unknown(string link, long generation) =>
        new(null, null, null, null, null, $"spec.link: '{link}' is not a link of the network", generation);
}
