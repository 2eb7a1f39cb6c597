namespace QNet.Network.Generators;

/// <summary>The shapes <c>qnet topology</c> generates.</summary>
public enum TopologyShape
{
    /// <summary>A line: end node, repeaters, end node.</summary>
    Chain,

    /// <summary>A hub repeater with end-node leaves.</summary>
    Star,

    /// <summary>Rows × columns of repeaters, with end nodes at the corners or at every repeater.</summary>
    Grid,

    /// <summary>A cycle of repeaters with two end nodes attached at opposite points.</summary>
    Ring,
}

/// <summary>Where a grid has end nodes.</summary>
public enum GridEnds
{
    /// <summary>One end node at each of the (up to four) corner repeaters.</summary>
    Corners,

    /// <summary>One end node at every repeater.</summary>
    All,
}
