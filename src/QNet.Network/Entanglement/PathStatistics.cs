namespace QNet.Network.Entanglement;

/// <summary>Counters of one path protocol.</summary>
public sealed class PathStatistics
{
    /// <summary>Bell-state measurements attempted at repeaters.</summary>
    public long SwapAttempts { get; internal set; }

    /// <summary>Bell-state measurements that succeeded.</summary>
    public long SwapSuccesses { get; internal set; }

    /// <summary>Pairs discarded because they outlived the cutoff.</summary>
    public long CutoffDiscards { get; internal set; }

    /// <summary>Link-scope purification rounds that failed (both pairs lost).</summary>
    public long PurificationFailures { get; internal set; }

    /// <summary>End-to-end pairs handed to the consumer.</summary>
    public long EndToEndPairs { get; internal set; }

    /// <summary>Sum of the times between consecutive end-to-end pairs (the first from the start), in seconds.</summary>
    public double WaitingTimeSumSeconds { get; internal set; }

    /// <summary>Sum of squared lane waiting times, in s².</summary>
    public double WaitingTimeSumSquares { get; internal set; }

    /// <summary>Waiting times recorded.</summary>
    public long WaitingTimes { get; internal set; }

    /// <summary>Mean time between consecutive end-to-end pairs, in seconds (with one slot per side and no pipelining: the waiting time of the textbook model).</summary>
    public double MeanWaitingTimeSeconds => WaitingTimes == 0 ? double.NaN : WaitingTimeSumSeconds / WaitingTimes;

    /// <summary>Standard error of <see cref="MeanWaitingTimeSeconds"/>.</summary>
    public double WaitingTimeStandardError
    {
        get
        {
            if (WaitingTimes < 2)
            {
                return double.NaN;
            }
            double mean = MeanWaitingTimeSeconds;
            double variance = (WaitingTimeSumSquares - WaitingTimes * mean * mean) / (WaitingTimes - 1);
            return Math.Sqrt(Math.Max(0, variance) / WaitingTimes);
        }
    }
}
