namespace QNet.Network.Simulation;

/// <summary>A mean over independent runs and its standard error (0 for a single run; NaN where undefined).</summary>
/// <param name="Mean">Mean over the runs that had a value.</param>
/// <param name="StandardError">Sample standard deviation over √runs.</param>
public readonly record struct Estimate(double Mean, double StandardError)
{
    /// <summary>Mean and standard error of the finite values in <paramref name="values"/>.</summary>
    public static Estimate Of(IEnumerable<double> values)
    {
        double[] v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0)
        {
            return new Estimate(double.NaN, double.NaN);
        }
        double mean = v.Average();
        if (v.Length == 1)
        {
            return new Estimate(mean, 0);
        }
        double variance = v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        return new Estimate(mean, Math.Sqrt(variance / v.Length));
    }
}
