namespace QNet.Kernel.Tests;

public class RandomStreamTests
{
    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var a = new RandomStream(42);
        var b = new RandomStream(42);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.3, 1)]
    [InlineData(0.68, 4000)]
    [InlineData(1.0, 17)]
    public void CountBernoulli_CountsAndAdvancesAsSingleTrials(double p, int trials)
    {
        var counted = new RandomStream(99).Derive("coherence-probe:hub");
        var single = new RandomStream(99).Derive("coherence-probe:hub");
        int hits = counted.CountBernoulli(p, trials);
        int expected = Enumerable.Range(0, trials).Count(_ => single.NextBernoulli(p));
        Assert.Equal(expected, hits);
        Assert.Equal(single.NextUInt64(), counted.NextUInt64()); // the stream is left where the single trials leave it
    }

    [Fact]
    public void CountBernoulli_NegativeTrials_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStream(1).CountBernoulli(0.5, -1));

    [Fact]
    public void Derive_SameKey_SameStreamRegardlessOfParentUse()
    {
        var parent1 = new RandomStream(7);
        var parent2 = new RandomStream(7);
        parent2.NextUInt64(); // drawing from the parent must not shift the child
        var c1 = parent1.Derive("alice-bob");
        var c2 = parent2.Derive("alice-bob");
        Assert.Equal(c1.NextUInt64(), c2.NextUInt64());
        Assert.NotEqual(parent1.Derive("alice-bob").NextUInt64(), parent1.Derive("bob-alice").NextUInt64());
    }

    [Fact]
    public void Derive_InParallelThreads_GivesSameValuesAsSequential()
    {
        var root = new RandomStream(123);
        long[] sequential = Enumerable.Range(0, 64).Select(i => Sum(root.Derive((ulong)i))).ToArray();
        long[] parallel = new long[64];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = Sum(new RandomStream(123).Derive((ulong)i)));
        Assert.Equal(sequential, parallel);

        static long Sum(RandomStream s)
        {
            long total = 0;
            for (int k = 0; k < 1000; k++)
            {
                total += s.NextInt(1000);
            }
            return total;
        }
    }

    [Fact]
    public void NextDouble_Mean_IsOneHalfWithinFiveStandardErrors()
    {
        var r = new RandomStream(5);
        const int n = 1_000_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = r.NextDouble();
            Assert.InRange(x, 0.0, 0.9999999999999999);
            sum += x;
        }
        // Uniform(0,1): variance 1/12, standard error sqrt(1/12/n).
        Assert.InRange(sum / n, 0.5 - 5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 5 * Math.Sqrt(1.0 / 12 / n));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.01)]
    [InlineData(1e-5)]
    public void NextGeometric_Mean_IsOneOverPWithinFiveStandardErrors(double p)
    {
        var r = new RandomStream(11);
        const int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            long k = r.NextGeometric(p);
            Assert.True(k >= 1);
            sum += k;
        }
        // Geometric on {1,2,...}: mean 1/p, variance (1-p)/p².
        double se = Math.Sqrt((1 - p) / (p * p) / n);
        Assert.InRange(sum / n, 1 / p - 5 * se, 1 / p + 5 * se);
    }

    [Fact]
    public void NextGeometric_ProbabilityOfOne_IsOneHalfForPOneHalf()
    {
        var r = new RandomStream(3);
        const int n = 100_000;
        int ones = 0;
        for (int i = 0; i < n; i++)
        {
            if (r.NextGeometric(0.5) == 1)
            {
                ones++;
            }
        }
        double se = Math.Sqrt(0.25 / n);
        Assert.InRange(ones / (double)n, 0.5 - 5 * se, 0.5 + 5 * se);
    }

    [Fact]
    public void NextInt_AllValuesEquallyLikely_ChiSquareBelowBound()
    {
        var r = new RandomStream(17);
        const int bins = 10, n = 100_000;
        int[] counts = new int[bins];
        for (int i = 0; i < n; i++)
        {
            counts[r.NextInt(bins)]++;
        }
        double expected = n / (double)bins;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
        Assert.True(chi2 < 27.88, $"chi2 = {chi2}");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.5e-3)]
    [InlineData(1e-7)]
    public void NextGeometric_WithLogOfFailureGiven_DrawsTheInversionOfTheSameUniforms(double p)
    {
        var stream = new RandomStream(23);
        var twin = new RandomStream(23);
        double logFailure = double.LogP1(-p);
        for (int i = 0; i < 10_000; i++)
        {
            // Inversion of a uniform in (0, 1]: ⌊ln u / ln(1 − p)⌋ + 1, the uniform built as NextDoubleNonZero builds it.
            double u = ((twin.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
            long expected = (long)(Math.Floor(Math.Log(u) / logFailure) + 1);
            Assert.Equal(expected, stream.NextGeometric(p, logFailure));
        }
    }

    [Fact]
    public void NextGeometric_OneArgument_SameDrawsAsWithLogOfFailure()
    {
        var stream = new RandomStream(5);
        var twin = new RandomStream(5);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(twin.NextGeometric(0.01, double.LogP1(-0.01)), stream.NextGeometric(0.01));
        }
    }

    [Fact]
    public void NextGeometric_InvalidProbability_Throws()
    {
        var r = new RandomStream(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.NextGeometric(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.NextGeometric(1.5));
    }
}
