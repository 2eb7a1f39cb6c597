using QNet.Kernel;
using QNet.Network.Sessions;

namespace QNet.Network.Tests.Sessions;

public class FidelityHistogramTests
{
    // The quantile to the nearest 10⁻⁴ bin, from the sorted bin numbers (the definition the histogram implements).
    private static double Reference(List<double> values, double q)
    {
        var bins = values.Select(v => (int)Math.Round(Math.Clamp(v, 0, 1) * 10_000)).Order().ToArray();
        long rank = Math.Max(1, (long)Math.Ceiling(q * bins.Length));
        return bins[rank - 1] / 10_000.0;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(5000)]
    public void Quantile_BelowAndAboveTheSmallCapacity_EqualsTheBinnedQuantileExactly(int n)
    {
        var random = new RandomStream(41);
        var h = new FidelityHistogram();
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double f = 0.8 + 0.2 * random.NextDouble();
            values.Add(f);
            h.Add(f);
        }
        foreach (double q in new[] { 0.0, 0.1, 0.5, 0.9, 1.0 })
        {
            Assert.Equal(Reference(values, q), h.Quantile(q));
        }
        Assert.Equal(n, h.Count);
        Assert.Equal(values.Sum() / n, h.Mean, 12);
    }

    [Fact]
    public void Quantile_Empty_IsNaN() => Assert.True(double.IsNaN(new FidelityHistogram().Quantile(0.5)));
}
