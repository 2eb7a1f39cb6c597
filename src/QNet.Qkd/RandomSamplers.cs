using QNet.Kernel;

namespace QNet.Qkd;

/// <summary>Exact samplers the QKD models need beyond <see cref="RandomStream"/>'s own.</summary>
internal static class RandomSamplers
{
    /// <summary>
    /// Poisson(<paramref name="mean"/>): Knuth's product of uniforms for means up to 16; larger means
    /// are split into parts of at most 16 (a sum of independent Poissons is Poisson), so the result
    /// stays exact at a cost linear in the mean (the QKD models only ask for small means).
    /// </summary>
    public static int NextPoisson(this RandomStream random, double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "a Poisson mean must be finite and non-negative.");
        }
        int total = 0;
        while (mean > 0)
        {
            double part = Math.Min(mean, 16);
            mean -= part;
            double limit = Math.Exp(-part);
            double product = random.NextDouble();
            while (product > limit)
            {
                total++;
                product *= random.NextDouble();
            }
        }
        return total;
    }

    /// <summary>Binomial(<paramref name="trials"/>, <paramref name="p"/>) by counting Bernoulli trials (for small trial counts).</summary>
    public static int NextBinomialSmall(this RandomStream random, int trials, double p)
    {
        int successes = 0;
        for (int i = 0; i < trials; i++)
        {
            successes += random.NextDouble() < p ? 1 : 0;
        }
        return successes;
    }

    /// <summary>Gamma(<paramref name="shape"/>, rate <paramref name="rate"/>) for a whole-number shape: a sum of exponentials.</summary>
    public static double NextGammaInteger(this RandomStream random, int shape, double rate)
    {
        double sum = 0;
        for (int i = 0; i < shape; i++)
        {
            sum -= Math.Log(random.NextDoubleNonZero());
        }
        return sum / rate;
    }
}
