namespace QNet.Network.Sessions;

/// <summary>
/// Fidelities in 10,000 bins over [0, 1]: constant memory however many pairs a session serves, and
/// percentiles exact to 10⁻⁴. The first <see cref="SmallCapacity"/> values keep just their bin numbers
/// (at most 1 KB); the 80 KB bin table is made only for a session that delivers more, so the many short
/// sessions a service admits cost little to create, report and keep.
/// </summary>
public sealed class FidelityHistogram
{
    private const int Bins = 10_000;

    /// <summary>Values held as bin numbers before the bin table is made.</summary>
    public const int SmallCapacity = 256;

    private int[] _small = new int[8];
    private long[]? _counts;

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values added.</summary>
    public double Sum { get; private set; }

    /// <summary>Mean of the values (NaN when empty).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Adds one fidelity.</summary>
    public void Add(double fidelity)
    {
        int bin = (int)Math.Round(Math.Clamp(fidelity, 0, 1) * Bins);
        if (_counts is not null)
        {
            _counts[bin]++;
        }
        else if (Count < SmallCapacity)
        {
            if (Count == _small.Length)
            {
                Array.Resize(ref _small, _small.Length * 2);
            }
            _small[Count] = bin;
        }
        else
        {
            _counts = new long[Bins + 1];
            foreach (int b in _small)
            {
                _counts[b]++;
            }
            _small = [];
            _counts[bin]++;
        }
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
        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count));
        if (_counts is null)
        {
            // The rank-th smallest bin number: what the scan of the bin table below would find.
            var sorted = _small.AsSpan(0, (int)Count).ToArray();
            Array.Sort(sorted);
            return sorted[rank - 1] / (double)Bins;
        }
        long seen = 0;
        for (int i = 0; i <= Bins; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i / (double)Bins;
            }
        }
        return 1;
    }
}
