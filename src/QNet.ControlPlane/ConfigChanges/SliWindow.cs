namespace QNet.ControlPlane.ConfigChanges;

/// <summary>
/// What a link (or a group of links) produced over a stretch of simulated time: <see cref="Count"/> samples (heralded
/// pairs, or QKD key blocks) over <see cref="Seconds"/>, and the sum and sum of squares of their quality (a pair's
/// fidelity; 1 for a QKD block whose two ends' keys agreed, 0 for a verification failure). Cumulative tallies are
/// subtracted to give a window; windows of several links add.
/// </summary>
internal readonly record struct SliWindow(double Count, double Sum, double SumOfSquares, double Seconds)
{
    /// <summary>Mean quality per sample (fidelity, or the fraction of blocks that verified); NaN without samples.</summary>
    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>Samples per simulated second.</summary>
    public double Rate => Seconds > 0 ? Count / Seconds : 0;

    /// <summary>Squared standard error of <see cref="Mean"/> from the sample variance (0 with fewer than two samples).</summary>
    public double MeanVariance
    {
        get
        {
            if (Count < 2)
            {
                return 0;
            }
            double variance = Math.Max(0, (SumOfSquares - Sum * Sum / Count) / (Count - 1));
            return variance / Count;
        }
    }

    /// <summary>The window between two cumulative tallies (<paramref name="later"/> minus <paramref name="earlier"/>).</summary>
    public static SliWindow Between(SliWindow earlier, SliWindow later) =>
        new(later.Count - earlier.Count, later.Sum - earlier.Sum, later.SumOfSquares - earlier.SumOfSquares, later.Seconds - earlier.Seconds);

    public static SliWindow operator +(SliWindow a, SliWindow b) =>
        new(a.Count + b.Count, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares, Math.Max(a.Seconds, b.Seconds));
}
