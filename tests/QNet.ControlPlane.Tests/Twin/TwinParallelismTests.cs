using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.Twin;

public sealed class TwinParallelismTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    public void Parse_Count_ThatManyThreads(string value, int threads) => Assert.Equal(threads, TwinParallelism.Parse(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Unset_ProcessorCount(string? value) => Assert.Equal(Environment.ProcessorCount, TwinParallelism.Parse(value));

    [Theory]
    [InlineData("two")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Parse_NotACount_RefusedNamingTheVariable(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => TwinParallelism.Parse(value));
        Assert.Contains(TwinParallelism.Variable, e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, TwinParallelism.Problem(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("3")]
    public void Problem_UnsetOrACount_None(string? value) => Assert.Null(TwinParallelism.Problem(value));
}
