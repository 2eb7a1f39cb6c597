namespace QNet.Network.Sessions;

/// <summary>
/// Fidelities in 10,000 bins over [0, 1]: constant memory however many pairs a session serves, and
/// percentiles exact to 10⁻⁴.
/// </summary>
public sealed class FidelityHistogram
{
    private const int Bins = 10_000;
    private readonly long[] _counts = new long[Bins + 1];

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values added.</summary>
    public double Sum { get; private set; }

    /// <summary>Mean of the values (NaN when empty).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Adds one fidelity.</summary>
    public void Add(double fidelity)
    {
        _counts[(int)Math.Round(Math.Clamp(fidelity, 0, 1) * Bins)]++;
        Count++;
        Sum += fidelity;
    }

    /// <summary>The q-quantile (0..1), to the nearest bin; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        long rank = (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count);
        long seen = 0;
        for (int i = 0; i <= Bins; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank))
            {
                return i / (double)Bins;
            }
        }
        return 1;
    }
}
