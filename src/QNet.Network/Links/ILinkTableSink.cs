namespace QNet.Network.Links;

/// <summary>A sink that knows the links of a <see cref="LinkTable"/> by their index: a herald reaches it without touching the link object.</summary>
internal interface ILinkTableSink
{
    /// <summary>Link <paramref name="index"/> of the table heralded <paramref name="pair"/>; as <see cref="ILinkPairSink.OnPair"/>.</summary>
    bool OnLinkPair(int index, in LinkPair pair);
}
