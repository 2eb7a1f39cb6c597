using QNet.Kernel;

namespace QNet.Network.Links;

/// <summary>
/// A link whose pair has the scheme's heralded state when the herald arrives (<c>fidelityAt: herald</c>), as most
/// analytic repeater papers assume: the memories' decoherence during the herald wait is not charged. Everything else
/// (success probability, timing, the wait itself) is the inner scheme's. A node's processing delay (F4) still
/// decoheres the pair, since it comes after the herald.
/// </summary>
/// <param name="Inner">The heralding scheme.</param>
public sealed record HeraldFidelityLink(ILinkModel Inner) : ILinkModel
{
    /// <inheritdoc />
    public string Scheme => Inner.Scheme;

    /// <inheritdoc />
    public LinkPhysics Derive() => Inner.Derive() with { WaitA = SimTime.Zero, WaitB = SimTime.Zero };
}
