using QNet.Network.Sweeps;

namespace QNet.Network.Tests.Sweeps;

public sealed class SweepShardTests
{
    [Theory]
    [InlineData("x", "is not I/N")]
    [InlineData("1", "is not I/N")]
    [InlineData("-1/4", "is not I/N")]
    [InlineData("1/2/3", "is not I/N")]
    [InlineData("4/4", "the shard index I must be from 0 to 3")]
    [InlineData("0/0", "the shard count N must be from 1 to 10000")]
    [InlineData("0/10001", "the shard count N must be from 1 to 10000")]
    public void TryParse_BadText_NullWithReason(string text, string reason)
    {
        Assert.Null(SweepShard.TryParse(text, out string error));
        Assert.Contains(reason, error);
        Assert.Contains($"'{text}'", error);
    }

    [Fact]
    public void TryParse_IndexOfCount_ParsesBothNumbers()
    {
        SweepShard shard = SweepShard.TryParse("2/5", out _)!;
        Assert.Equal(new SweepShard(2, 5), shard);
        Assert.Equal("2/5", shard.ToString());
    }

    [Fact]
    public void Constructor_IndexOutsideCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SweepShard(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SweepShard(0, 0));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 7)]
    [InlineData(7, 7)]
    [InlineData(10, 7)]
    public void Tasks_AllShards_CoverEveryTaskExactlyOnce(int count, int taskCount)
    {
        var all = Enumerable.Range(0, count).SelectMany(i => new SweepShard(i, count).Tasks(taskCount)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, taskCount), all);
        Assert.All(Enumerable.Range(0, count), i => Assert.All(new SweepShard(i, count).Tasks(taskCount), t => Assert.True(new SweepShard(i, count).Owns(t))));
    }
}
