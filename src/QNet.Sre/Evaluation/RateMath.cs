namespace QNet.Sre.Evaluation;

/// <summary>
/// Prometheus' range functions, transcribed from promql/functions.go (v2.42): <c>extrapolatedRate</c> for
/// rate()/increase() (counter resets, extrapolation to the range edges by at most 1.1 × the mean sample
/// spacing, never below zero) and the incremental mean of <c>avg_over_time</c>.
/// </summary>
internal static class RateMath
{
    /// <summary>Prometheus' stale-marker NaN bit pattern.</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    public static double StaleMarker => BitConverter.UInt64BitsToDouble(StaleNaNBits);

    public static bool IsStale(double v) => BitConverter.DoubleToUInt64Bits(v) == StaleNaNBits;

    /// <summary>rate() (per second) or increase() over samples in [rangeStart, rangeEnd]; null with fewer than two samples.</summary>
    public static double? ExtrapolatedRate(IReadOnlyList<MetricSample> points, long rangeStart, long rangeEnd, bool isRate)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var first = points[0];
        var last = points[^1];
        var result = last.Value - first.Value;
        var lastValue = 0.0;
        // The loop adds only where a sample is below the one before it (the first compared with 0): a stored window
        // without such a drop is skipped, the result being last − first either way.
        var noDrops = points is InMemoryMetricHistory.SampleView view && !view.HasDrops && !(first.Value < 0);
        // Indexed, not foreach: a window of a day is thousands of samples, evaluated every interval, and the history's
        // views would allocate an enumerator per call.
        for (var i = 0; !noDrops && i < points.Count; i++)
        {
            var p = points[i];
            if (p.Value < lastValue)
            {
                result += lastValue;
            }

            lastValue = p.Value;
        }

        var durationToStart = (first.UnixMs - rangeStart) / 1000.0;
        var durationToEnd = (rangeEnd - last.UnixMs) / 1000.0;
        var sampledInterval = (last.UnixMs - first.UnixMs) / 1000.0;
        var averageDurationBetweenSamples = sampledInterval / (points.Count - 1);
        if (result > 0 && first.Value >= 0)
        {
            var durationToZero = sampledInterval * (first.Value / result);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }

        var extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        var extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
        result *= extrapolateToInterval / sampledInterval;
        if (isRate)
        {
            result /= (rangeEnd - rangeStart) / 1000.0;
        }

        return result;
    }

    /// <summary>sum_over_time: the plain sum of the samples; null with no samples.</summary>
    public static double? SumOverTime(IReadOnlyList<MetricSample> points)
    {
        if (points.Count == 0)
        {
            return null;
        }

        if (points is InMemoryMetricHistory.SampleView view)
        {
            return view.Sum(); // the same additions in the same order, continued from the last evaluation's
        }

        double sum = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            sum += p.Value;
        }

        return sum;
    }

    /// <summary>avg_over_time as Prometheus computes it (incremental mean); null with no samples.</summary>
    public static double? AvgOverTime(IReadOnlyList<MetricSample> points)
    {
        if (points.Count == 0)
        {
            return null;
        }

        if (points is InMemoryMetricHistory.SampleView view)
        {
            return view.Average(); // the same steps in the same order, continued from the last evaluation's
        }

        double mean = 0, count = 0;
        for (var i = 0; i < points.Count; i++)
        {
            MeanStep(ref mean, ref count, points[i].Value);
        }

        return mean;
    }

    /// <summary>One step of avg_over_time's incremental mean (Prometheus' handling of infinities included).</summary>
    public static void MeanStep(ref double mean, ref double count, double value)
    {
        count++;
        if (double.IsInfinity(mean))
        {
            if (double.IsInfinity(value) && (mean > 0) == (value > 0))
            {
                return;
            }

            if (!double.IsInfinity(value) && !double.IsNaN(value))
            {
                return;
            }
        }

        mean += (value / count) - (mean / count);
    }

    /// <summary>
    /// predict_linear as Prometheus computes it: the least-squares line through the samples, with x the sample time
    /// relative to <paramref name="evalMs"/> in seconds, read <paramref name="horizonSeconds"/> after the evaluation
    /// time; null with fewer than two samples. Constant samples give their value (slope 0), as Prometheus does.
    /// </summary>
    public static double? PredictLinear(IReadOnlyList<MetricSample> points, long evalMs, double horizonSeconds)
    {
        if (points.Count < 2)
        {
            return null;
        }

        double n = 0, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        var constant = true;
        foreach (var p in points)
        {
            constant &= p.Value == points[0].Value;
            var x = (p.UnixMs - evalMs) / 1e3;
            n++;
            sumX += x;
            sumY += p.Value;
            sumXY += x * p.Value;
            sumX2 += x * x;
        }

        if (constant)
        {
            return double.IsInfinity(points[0].Value) ? double.NaN : points[0].Value;
        }

        var slope = (sumXY - (sumX * sumY / n)) / (sumX2 - (sumX * sumX / n));
        var intercept = (sumY / n) - (slope * sumX / n);
        return (slope * horizonSeconds) + intercept;
    }
}
