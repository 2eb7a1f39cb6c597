namespace QNet.Network.Sessions;

/// <summary>
/// Waiting times to delivered pairs, in seconds, in logarithmic bins: 100 per decade from 1 ps to 10⁷ s (1,900 bins,
/// 15 KB, made at the first value) plus one for a wait of zero (two pairs delivered in the same instant). The mean is
/// exact; a quantile is the geometric middle of its bin, within 1.2 % of the exact value.
/// </summary>
public sealed class WaitingTimeHistogram
{
    private const int PerDecade = 100;
    private const double SmallestSeconds = 1e-12;
    private const int Bins = 19 * PerDecade; // 1 ps .. 10⁷ s

    private long[]? _counts; // [0]: a zero wait; [1 + i]: bin i

    /// <summary>Waiting times added.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the waiting times, in seconds.</summary>
    public double SumSeconds { get; private set; }

    /// <summary>Mean waiting time in seconds (NaN when empty).</summary>
    public double MeanSeconds => Count == 0 ? double.NaN : SumSeconds / Count;

    /// <summary>Adds one waiting time, in seconds (≥ 0; longer than 10⁷ s counts in the last bin).</summary>
    public void Add(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        _counts ??= new long[Bins + 1];
        _counts[BinOf(seconds)]++;
        Count++;
        SumSeconds += seconds;
    }

    /// <summary>The q-quantile (0..1) in seconds, to the bin's geometric middle (0 for the zero bin); NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count));
        long seen = 0;
        for (int b = 0; b <= Bins; b++)
        {
            seen += _counts![b];
            if (seen >= rank)
            {
                return b == 0 ? 0 : SmallestSeconds * Math.Pow(10, (b - 0.5) / PerDecade);
            }
        }
        return SmallestSeconds * Math.Pow(10, (Bins - 0.5) / PerDecade);
    }

    private static int BinOf(double seconds)
    {
        if (seconds == 0)
        {
            return 0;
        }
        double decades = Math.Log10(seconds / SmallestSeconds);
        return 1 + Math.Clamp((int)Math.Floor(decades * PerDecade), 0, Bins - 1);
    }
}
