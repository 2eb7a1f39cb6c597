using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.Twin;

public sealed class SessionIdFilterTests
{
    [Fact]
    public void MayContain_BeforeStoredIdsAreLoaded_AnswersMaybeForEveryId()
    {
        var filter = new SessionIdFilter();
        Assert.True(filter.MayContain("never-added"));
        filter.MarkComplete();
        Assert.False(filter.MayContain("never-added"));
    }

    [Fact]
    public void MayContain_HundredThousandIds_NoFalseNegativeAndFewFalsePositives()
    {
        var filter = new SessionIdFilter();
        filter.MarkComplete();
        for (int i = 0; i < 100_000; i++)
        {
            filter.Add("b" + i);
        }
        Assert.All(Enumerable.Range(0, 100_000), i => Assert.True(filter.MayContain("b" + i)));
        // 2^23 bits, 4 hashes, n = 10^5: false-positive rate (1 - e^(-4n/2^23))^4 = 4.7e-6, so 0.47 expected among 10^5
        // other ids; more than 5 would happen with probability about 1e-6 for a well-mixed hash (the hash is fixed, so
        // this count is too: the bound checks the mixing).
        int falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MayContain("s-" + i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.InRange(falsePositives, 0, 5);
    }
}
