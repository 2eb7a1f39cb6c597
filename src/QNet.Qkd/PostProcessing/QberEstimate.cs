namespace QNet.Qkd.PostProcessing;

/// <summary>
/// A QBER estimated from a random sample of disclosed key bits, with a two-sided Hoeffding
/// interval: the true error rate of the block lies in [Lower, Upper] except with probability
/// at most the stated failure probability.
/// </summary>
/// <param name="SampleBits">Bits sampled.</param>
/// <param name="Errors">Errors among them.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
public sealed record QberEstimate(int SampleBits, int Errors, double Lower, double Upper)
{
    /// <summary>Point estimate errors/sample (0 for an empty sample).</summary>
    public double Estimate => SampleBits == 0 ? 0 : (double)Errors / SampleBits;

    /// <summary>The estimate and interval for <paramref name="errors"/> in <paramref name="sample"/> bits at failure probability <paramref name="failureProbability"/>.</summary>
    public static QberEstimate FromSample(int sample, int errors, double failureProbability)
    {
        if (sample == 0)
        {
            return new QberEstimate(0, 0, 0, 0.5);
        }
        double rate = (double)errors / sample;
        double half = Math.Sqrt(Math.Log(2 / failureProbability) / (2.0 * sample));
        return new QberEstimate(sample, errors, Math.Max(0, rate - half), Math.Min(1, rate + half));
    }
}
