namespace QNet.Physics.Noise;

/// <summary>Range checks for channel parameters; each error names the parameter.</summary>
internal static class ChannelGuard
{
    public static double Probability(double value, string name) =>
        double.IsNaN(value) || value is < 0 or > 1
            ? throw new ArgumentOutOfRangeException(name, value, $"{name} must lie between 0 and 1.")
            : value;

    public static double Duration(double seconds, string name) =>
        double.IsNaN(seconds) || seconds < 0 || double.IsPositiveInfinity(seconds)
            ? throw new ArgumentOutOfRangeException(name, seconds, $"{name} must be a finite duration of at least 0 seconds.")
            : seconds;

    public static double TimeConstant(double seconds, string name) =>
        double.IsNaN(seconds) || seconds <= 0
            ? throw new ArgumentOutOfRangeException(name, seconds, $"{name} must be greater than 0 seconds (infinity for none).")
            : seconds;

    /// <summary>e^{−t/T}, with 1 for an infinite time constant.</summary>
    public static double Decay(double seconds, double timeConstant) =>
        double.IsPositiveInfinity(timeConstant) ? 1 : Math.Exp(-seconds / timeConstant);
}
