namespace QNet.Network.Sessions;

/// <summary>
/// The waiting times to a session's delivered pairs, each from the previous delivery (the first from admission), in
/// seconds: their mean (exact) and quantiles (within 1.2 %, <see cref="WaitingTimeHistogram"/>). NaN without pairs.
/// </summary>
public sealed record WaitingTimeFigures(long Count, double MeanSeconds, double P10Seconds, double P50Seconds, double P90Seconds, double P99Seconds)
{
    /// <summary>No pair delivered.</summary>
    public static WaitingTimeFigures None { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>The figures of a histogram.</summary>
    public static WaitingTimeFigures Of(WaitingTimeHistogram h) =>
        new(h.Count, h.MeanSeconds, h.Quantile(0.1), h.Quantile(0.5), h.Quantile(0.9), h.Quantile(0.99));
}
