using QNet.Network.Entanglement;

namespace QNet.Network.Tests.Entanglement;

public class PositionShelvesTests
{
    private static VirtualPair Pair(int id) => new() { Id = id };

    [Fact]
    public void Remove_MiddlePair_KeepsTheOthersOldestFirst()
    {
        var shelves = new PositionShelves(positions: 3, placesEach: 3);
        VirtualPair a = Pair(1), b = Pair(2), c = Pair(3), other = Pair(4);
        shelves.Add(1, a);
        shelves.Add(1, b);
        shelves.Add(1, c);
        shelves.Add(2, other);

        shelves.Remove(1, b);
        shelves.Remove(1, other); // not stored at 1: nothing happens, as List.Remove

        Assert.Equal(2, shelves.CountAt(1));
        Assert.Same(a, shelves.At(1, 0));
        Assert.Same(c, shelves.At(1, 1));
        Assert.Equal(0, shelves.CountAt(0));
        Assert.Same(other, shelves.At(2, 0));
    }

    [Fact]
    public void Add_MorePairsThanPlaces_WidensEveryShelfAndKeepsOrder()
    {
        var shelves = new PositionShelves(positions: 2, placesEach: 1);
        VirtualPair[] first = [Pair(0), Pair(1), Pair(2)];
        VirtualPair second = Pair(9);
        shelves.Add(1, second);
        foreach (VirtualPair p in first)
        {
            shelves.Add(0, p);
        }

        Assert.Equal(3, shelves.CountAt(0));
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Same(first[i], shelves.At(0, i));
        }
        Assert.Equal(1, shelves.CountAt(1));
        Assert.Same(second, shelves.At(1, 0));
    }
}
