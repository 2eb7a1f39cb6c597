using QNet.Network.Entanglement;

namespace QNet.Network.Tests.Entanglement;

public class PathPositionsTests
{
    [Fact]
    public void Remove_MiddlePair_KeepsTheOthersOldestFirst()
    {
        var shelves = new PathPositions(positions: 3, placesEach: 3);
        shelves.Add(1, PairSide.Right, 1);
        shelves.Add(1, PairSide.Right, 2);
        shelves.Add(1, PairSide.Right, 3);
        shelves.Add(1, PairSide.Left, 7);
        shelves.Add(2, PairSide.Right, 4);

        shelves.Remove(1, PairSide.Right, 2);
        shelves.Remove(1, PairSide.Right, 4); // not stored at 1: nothing happens, as List.Remove
        shelves.Remove(1, PairSide.Left, 1);  // stored at 1, but on the other side: nothing happens

        Assert.Equal(2, shelves.CountAt(1, PairSide.Right));
        Assert.Equal(1, shelves.At(1, PairSide.Right, 0));
        Assert.Equal(3, shelves.At(1, PairSide.Right, 1));
        Assert.Equal(1, shelves.CountAt(1, PairSide.Left));
        Assert.Equal(7, shelves.At(1, PairSide.Left, 0));
        Assert.Equal(0, shelves.CountAt(0, PairSide.Left));
        Assert.Equal(0, shelves.CountAt(0, PairSide.Right));
        Assert.Equal(4, shelves.At(2, PairSide.Right, 0));
    }

    [Fact]
    public void Add_MorePairsThanPlaces_WidensEveryShelfAndKeepsOrder()
    {
        var shelves = new PathPositions(positions: 2, placesEach: 1);
        int[] first = [10, 11, 12];
        shelves.Add(1, PairSide.Right, 9);
        shelves.Add(0, PairSide.Left, 8);
        foreach (int p in first)
        {
            shelves.Add(0, PairSide.Right, p);
        }

        Assert.Equal(3, shelves.CountAt(0, PairSide.Right));
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal(first[i], shelves.At(0, PairSide.Right, i));
        }
        Assert.Equal(1, shelves.CountAt(0, PairSide.Left));
        Assert.Equal(8, shelves.At(0, PairSide.Left, 0));
        Assert.Equal(1, shelves.CountAt(1, PairSide.Right));
        Assert.Equal(9, shelves.At(1, PairSide.Right, 0));
        Assert.Equal(0, shelves.CountAt(1, PairSide.Left));
    }
}
