namespace QNet.Network.Entanglement;

/// <summary>
/// Which swaps a path allows. <c>asap</c>: a repeater swaps as soon as it holds a pair on each side.
/// <c>nested</c> (doubling): the path's positions form a balanced binary tree; a repeater swaps only
/// the two pairs that span exactly its subtree's halves, so pairs double in length level by level.
/// </summary>
internal sealed class SwapPlan
{
    private readonly int[] _leftBound;
    private readonly int[] _rightBound;

    private SwapPlan(bool nested, int segments)
    {
        Nested = nested;
        _leftBound = new int[segments + 1];
        _rightBound = new int[segments + 1];
        if (nested)
        {
            Split(0, segments);
        }
    }

    /// <summary>True for the nested protocol.</summary>
    public bool Nested { get; }

    /// <summary>The plan for a path of <paramref name="segments"/> links.</summary>
    public static SwapPlan Create(bool nested, int segments) => new(nested, segments);

    /// <summary>Whether position <paramref name="node"/> may swap a pair from <paramref name="left"/> with one to <paramref name="right"/>.</summary>
    public bool Allows(int node, int left, int right) =>
        !Nested || (_leftBound[node] == left && _rightBound[node] == right);

    /// <summary>The subtree bounds of a repeater position in the nested plan.</summary>
    public (int Left, int Right) BoundsOf(int node) => (_leftBound[node], _rightBound[node]);

    private void Split(int lo, int hi)
    {
        if (hi - lo < 2)
        {
            return;
        }
        int mid = lo + (hi - lo) / 2;
        _leftBound[mid] = lo;
        _rightBound[mid] = hi;
        Split(lo, mid);
        Split(mid, hi);
    }
}
