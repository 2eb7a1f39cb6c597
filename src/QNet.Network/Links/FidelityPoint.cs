namespace QNet.Network.Links;

/// <summary>Where a link's given or derived pair fidelity applies.</summary>
public enum FidelityPoint
{
    /// <summary>
    /// <c>emission</c> (the default): the pair has the link's fidelity when the photons leave; both memories then
    /// decohere while they wait for the herald.
    /// </summary>
    Emission,

    /// <summary>
    /// <c>herald</c>: the pair has the link's fidelity when the herald arrives (the assumption of most analytic
    /// repeater papers); no decoherence is charged for the herald wait.
    /// </summary>
    Herald,
}
