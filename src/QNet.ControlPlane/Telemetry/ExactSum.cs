namespace QNet.ControlPlane.Telemetry;

/// <summary>
/// A sum of doubles that does not depend on the order of its terms: each term is taken in fixed point, units of 2⁻⁶⁴,
/// into a 128-bit integer. A fidelity, its square or a latency of at least 2⁻¹¹ s is taken exactly (its last bit is
/// worth 2⁻⁶⁴ or more); a smaller term loses what lies below 2⁻⁶⁴. Partial sums kept on several threads (the twin's
/// session partitions) and added in any order give the same bits as one sum of every term, so the figures read from
/// it are the same on any number of threads. Sums up to 2⁶³ in magnitude.
/// </summary>
internal struct ExactSum
{
    private const double Scale = 18446744073709551616.0; // 2⁶⁴

    private Int128 _units;

    /// <summary>The sum, rounded once to the nearest double.</summary>
    public readonly double Value => (double)_units / Scale;

    /// <summary>Adds one term.</summary>
    public void Add(double term) => _units += (Int128)(term * Scale);

    /// <summary>Adds another sum (a partial sum kept elsewhere).</summary>
    public void Add(ExactSum other) => _units += other._units;

    /// <summary>A sum of one term (a figure restored from the store).</summary>
    public static ExactSum Of(double term)
    {
        var sum = default(ExactSum);
        sum.Add(term);
        return sum;
    }
}
