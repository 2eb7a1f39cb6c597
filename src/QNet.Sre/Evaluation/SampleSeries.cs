namespace QNet.Sre.Evaluation;

/// <summary>
/// The stored samples of one series of an <see cref="InMemoryMetricHistory"/>, in time order, with what lets a range
/// function skip its loop over a long window without changing a single bit of its result: running counts of counter
/// drops and stale markers (so rate() over a window with neither is last − first, as its loop would give), and the
/// running sums and means of <c>sum_over_time</c> and <c>avg_over_time</c> per window length, continued from where the
/// last evaluation stopped while the window's start has not moved (the same additions in the same order). A window that
/// only grows (a 1 d or 3 d window younger than the history, an SLO period) then costs O(new samples) per evaluation
/// instead of O(window), which is what kept a day of evaluations from growing quadratically.
/// </summary>
internal sealed class SampleSeries
{
    private const int MaxFolds = 16;

    private readonly List<MetricSample> _samples = [];
    private readonly List<int> _drops = [];  // _drops[i]: samples j ≤ i with a value below sample j − 1's (j ≥ 1 since the series began)
    private readonly List<int> _stale = [];  // _stale[i]: stale markers among the samples 0..i
    private readonly List<Fold> _folds = [];
    private int _staleBefore;                // stale markers among the samples pruned away
    private long _removed;                   // samples pruned from the front (fold positions are absolute: index + _removed)

    public SampleSeries(LabelSet key)
    {
        Key = key;
        Labels = key.ToDictionary();
    }

    /// <summary>The series' labels as a set (what the engine groups and matches by).</summary>
    public LabelSet Key { get; }

    /// <summary>The series' labels, built once (queries hand out this same read-only map).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    public int Count => _samples.Count;

    public MetricSample this[int index] => _samples[index];

    /// <summary>Appends a sample (the caller checks the time order).</summary>
    public void Add(MetricSample sample)
    {
        int n = _samples.Count;
        bool drop = n > 0 && sample.Value < _samples[n - 1].Value; // the comparison rate()'s reset loop makes
        _drops.Add((n > 0 ? _drops[n - 1] : 0) + (drop ? 1 : 0));
        _stale.Add((n > 0 ? _stale[n - 1] : _staleBefore) + (RateMath.IsStale(sample.Value) ? 1 : 0));
        _samples.Add(sample);
    }

    /// <summary>Drops the first <paramref name="count"/> samples.</summary>
    public void RemoveFirst(int count)
    {
        if (count <= 0)
        {
            return;
        }
        _staleBefore = _stale[count - 1];
        _samples.RemoveRange(0, count);
        _drops.RemoveRange(0, count);
        _stale.RemoveRange(0, count);
        _removed += count;
    }

    /// <summary>Index of the first sample at or after <paramref name="t"/> (Unix ms).</summary>
    public int LowerBound(long t)
    {
        int lo = 0, hi = _samples.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_samples[mid].UnixMs < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>True when some sample in (offset, offset + count) is lower than the one before it.</summary>
    public bool HasDrops(int offset, int count) => count > 1 && _drops[offset + count - 1] != _drops[offset];

    /// <summary>True when a stale marker lies in [offset, offset + count).</summary>
    public bool HasStale(int offset, int count) =>
        count > 0 && _stale[offset + count - 1] != (offset > 0 ? _stale[offset - 1] : _staleBefore);

    /// <summary><see cref="RateMath.SumOverTime"/>'s sum of [offset, offset + count), continued from the last one of the same window length when its start is the same.</summary>
    public double Sum(int offset, int count, long span)
    {
        ref Fold f = ref FoldFor(FoldKind.Sum, span, offset, count, out int from);
        double sum = from == offset ? 0 : f.A;
        for (int i = from; i < offset + count; i++)
        {
            sum += _samples[i].Value;
        }
        f.A = sum;
        return sum;
    }

    /// <summary><see cref="RateMath.AvgOverTime"/>'s incremental mean of [offset, offset + count), continued like <see cref="Sum"/>.</summary>
    public double Average(int offset, int count, long span)
    {
        ref Fold f = ref FoldFor(FoldKind.Average, span, offset, count, out int from);
        double mean = from == offset ? 0 : f.A, n = from == offset ? 0 : f.B;
        for (int i = from; i < offset + count; i++)
        {
            RateMath.MeanStep(ref mean, ref n, _samples[i].Value);
        }
        (f.A, f.B) = (mean, n);
        return mean;
    }

    // The fold of this kind and window length, positioned at [offset, offset + count) on return; `from` is where the
    // caller's loop starts: the fold's end when it covers a prefix of the range from the same start, else the offset.
    private ref Fold FoldFor(FoldKind kind, long span, int offset, int count, out int from)
    {
        long start = offset + _removed, end = start + count;
        int index = -1;
        for (int i = 0; i < _folds.Count; i++)
        {
            if (_folds[i].Kind == kind && _folds[i].Span == span)
            {
                index = i;
                break;
            }
        }
        if (index < 0)
        {
            if (_folds.Count == MaxFolds)
            {
                _folds.RemoveAt(0);
            }
            _folds.Add(new Fold { Kind = kind, Span = span, Start = -1 });
            index = _folds.Count - 1;
        }
        var folds = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_folds);
        ref Fold f = ref folds[index];
        from = f.Start == start && f.End <= end ? (int)(f.End - _removed) : offset;
        f.Start = start;
        f.End = end;
        return ref f;
    }

    private enum FoldKind : byte
    {
        Sum,
        Average,
    }

    // A running fold over absolute sample positions [Start, End): the sum (A), or the mean (A) and count (B).
    private struct Fold
    {
        public FoldKind Kind;
        public long Span;
        public long Start;
        public long End;
        public double A;
        public double B;
    }
}
