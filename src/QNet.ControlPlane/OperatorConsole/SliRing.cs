namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// A fixed-capacity ring of (time, value) samples of one series: the oldest sample is overwritten once full, so the
/// memory of a series is fixed at construction (<see cref="BytesPerSample"/> × capacity). Not thread-safe: the owning
/// <see cref="SliHistory"/> locks around it.
/// </summary>
internal sealed class SliRing
{
    /// <summary>Bytes of one sample: a Unix time in milliseconds (8) and a value (8).</summary>
    public const int BytesPerSample = sizeof(long) + sizeof(double);

    private readonly long[] _times;
    private readonly double[] _values;
    private int _next;
    private int _count;

    public SliRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _times = new long[capacity];
        _values = new double[capacity];
    }

    /// <summary>Samples held (at most the capacity).</summary>
    public int Count => _count;

    /// <summary>Appends a sample; times are expected in increasing order (the sampler's clock never goes back).</summary>
    public void Add(long unixMs, double value)
    {
        _times[_next] = unixMs;
        _values[_next] = value;
        _next = (_next + 1) % _times.Length;
        _count = Math.Min(_count + 1, _times.Length);
    }

    /// <summary>The samples at or after <paramref name="sinceUnixMs"/>, oldest first.</summary>
    public (long[] Times, double[] Values) Since(long sinceUnixMs)
    {
        var times = new List<long>(_count);
        var values = new List<double>(_count);
        int start = (_next - _count + _times.Length) % _times.Length;
        for (int i = 0; i < _count; i++)
        {
            int at = (start + i) % _times.Length;
            if (_times[at] >= sinceUnixMs)
            {
                times.Add(_times[at]);
                values.Add(_values[at]);
            }
        }
        return (times.ToArray(), values.ToArray());
    }
}
