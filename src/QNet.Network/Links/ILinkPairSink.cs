namespace QNet.Network.Links;

/// <summary>Receives the pairs a link generates.</summary>
public interface ILinkPairSink
{
    /// <summary>
    /// A pair was heralded. Return true if it was consumed at once (its channel may attempt again),
    /// false to keep it stored until <see cref="HeraldedLink.Release"/> is called for its channel.
    /// </summary>
    bool OnPair(HeraldedLink link, in LinkPair pair);
}
