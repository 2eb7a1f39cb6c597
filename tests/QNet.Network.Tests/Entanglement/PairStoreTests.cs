using QNet.Network.Entanglement;

namespace QNet.Network.Tests.Entanglement;

public class PairStoreTests
{
    [Fact]
    public void Unpack_AfterReturn_HandleIsStaleAndReuseGetsANewHandle()
    {
        var store = new PairStore(capacity: 4);
        int p = store.Rent(2, 3);
        long handle = store.Pack(p);

        Assert.True(store.TryUnpack(handle, out int found));
        Assert.Equal(p, found);

        store.Return(p);
        Assert.False(store.TryUnpack(handle, out _));

        int again = store.Rent(0, 1);
        Assert.Equal(p, again); // the index comes back, the handle does not
        Assert.NotEqual(handle, store.Pack(again));
        Assert.False(store.TryUnpack(handle, out _));
        Assert.True(store.TryUnpack(store.Pack(again), out _));
        Assert.Equal(0, store[again].Left);
        Assert.Equal(1, store[again].Right);
    }

    [Fact]
    public void Rent_ReturnedIndices_ComeBackNewestFirstThenNewOnes()
    {
        var store = new PairStore(capacity: 4);
        int a = store.Rent(0, 1), b = store.Rent(1, 2), c = store.Rent(2, 3);
        store.Return(a);
        store.Return(c);

        Assert.Equal(c, store.Rent(0, 1));
        Assert.Equal(a, store.Rent(0, 1));
        Assert.Equal(3, store.Rent(0, 1));
        Assert.Equal([0, 1, 2], new[] { a, b, c });
    }

    [Fact]
    public void Rent_BeyondCapacity_GrowsAndKeepsRecordsAndHandles()
    {
        var store = new PairStore(capacity: 4);
        var handles = new List<long>();
        for (int i = 0; i < 20; i++)
        {
            int p = store.Rent(i, i + 1);
            store[p].Born = 1000 + i;
            store.SetInterior(p, i % 3 == 0 ? [i] : null);
            handles.Add(store.Pack(p));
        }

        for (int i = 0; i < 20; i++)
        {
            Assert.True(store.TryUnpack(handles[i], out int p));
            Assert.Equal(i, store[p].Left);
            Assert.Equal(1000 + i, store[p].Born);
            Assert.Equal(i % 3 == 0 ? [i] : null, store.InteriorOf(p));
        }
        Assert.False(store.TryUnpack(20, out _)); // an index never rented
    }

    [Fact]
    public void Rent_ReusedIndex_IsNotBufferedAndHasNoInterior()
    {
        var store = new PairStore(capacity: 4);
        int p = store.Rent(0, 1);
        store.SetBuffered(p, true);
        store.SetInterior(p, [5]);
        store.Return(p);

        int q = store.Rent(1, 2);
        Assert.Equal(p, q);
        Assert.False(store.IsBuffered(q));
        Assert.Null(store.InteriorOf(q));
    }
}
