namespace QNet.Network.Entanglement;

/// <summary>Which shelf of a position a stored pair sits on (<see cref="PathPositions"/>).</summary>
internal enum PairSide
{
    /// <summary>The pair lies to the left of the position: its right end is there.</summary>
    Left = 0,

    /// <summary>The pair lies to the right of the position: its left end is there.</summary>
    Right = 1,
}
