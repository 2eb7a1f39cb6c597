using QNet.ControlPlane.Telemetry;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>
/// The twin's sums of fidelities and latencies are kept in fixed point so that partial sums (one per session partition,
/// on its own thread) added in any order give the same bits as one sum of every term in the order the terms came.
/// </summary>
public sealed class ExactSumTests
{
    [Fact]
    public void Add_TermsInAnyOrderOrGrouping_SameBits()
    {
        var random = new Random(11);
        double[] terms = [.. Enumerable.Range(0, 20_000).Select(_ => 0.5 + (0.5 * random.NextDouble()))];

        var inOrder = default(ExactSum);
        foreach (double t in terms)
        {
            inOrder.Add(t);
        }
        var shuffled = default(ExactSum);
        foreach (double t in terms.OrderBy(_ => random.Next()))
        {
            shuffled.Add(t);
        }
        // Three partial sums over interleaved terms, added together in reverse order.
        var parts = new ExactSum[3];
        for (int i = 0; i < terms.Length; i++)
        {
            parts[i % 3].Add(terms[i]);
        }
        var merged = default(ExactSum);
        merged.Add(parts[2]);
        merged.Add(parts[1]);
        merged.Add(parts[0]);

        Assert.Equal(BitConverter.DoubleToInt64Bits(inOrder.Value), BitConverter.DoubleToInt64Bits(shuffled.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(inOrder.Value), BitConverter.DoubleToInt64Bits(merged.Value));
        // Terms in [0.5, 1) are taken exactly, so the sum is the exact sum rounded once: within an ulp or two of a
        // compensated (Kahan) sum of the same terms, whose own error is a few ulps at most.
        Assert.Equal(Kahan(terms), inOrder.Value, 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.987654321)]
    [InlineData(3.0517578125e-05)] // 2⁻¹⁵: a power of two below 2⁻¹¹ is still exact
    [InlineData(1234.5)]
    public void Value_OneTermTakenExactly_ThatTerm(double term)
    {
        Assert.Equal(term, ExactSum.Of(term).Value);
    }

    [Fact]
    public void Add_TinyLatencies_TruncatedBelowTwoToTheMinus64Only()
    {
        var sum = default(ExactSum);
        const double latency = 1.2345678e-5; // seconds; its last bits lie below 2⁻⁶⁴
        for (int i = 0; i < 1000; i++)
        {
            sum.Add(latency);
        }

        // Each term loses less than 2⁻⁶⁴ (5.4e-20 s), so a thousand lose less than 5.4e-17 s.
        Assert.InRange(1000 * latency - sum.Value, -1e-18, 5.5e-17);
    }

    private static double Kahan(IEnumerable<double> terms)
    {
        double sum = 0, c = 0;
        foreach (double t in terms)
        {
            double y = t - c, s = sum + y;
            c = (s - sum) - y;
            sum = s;
        }
        return sum;
    }
}
