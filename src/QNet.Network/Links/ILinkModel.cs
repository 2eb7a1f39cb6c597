namespace QNet.Network.Links;

/// <summary>A heralding scheme with its parameters; it derives the per-attempt physics of a link.</summary>
public interface ILinkModel
{
    /// <summary>The scheme's name as written in scenario files (e.g. <c>single-click</c>).</summary>
    string Scheme { get; }

    /// <summary>The per-attempt success probability, timing and heralded state.</summary>
    LinkPhysics Derive();
}
