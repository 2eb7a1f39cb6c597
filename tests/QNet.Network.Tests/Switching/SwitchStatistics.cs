using QNet.Kernel;
using QNet.Network.Switching;

namespace QNet.Network.Tests.Switching;

/// <summary>
/// Builds switch models for tests and measures them over independent seeded replications, giving each
/// figure's mean and standard error (the spread of the replications' values over √runs).
/// </summary>
internal static class SwitchStatistics
{
    /// <summary>
    /// Per-attempt success of the test links. Gaps between pairs are whole attempts (geometric), which
    /// approach the exponential gaps of the Markov chain as p → 0; at p = 10⁻⁴ the difference in any
    /// figure here is of order 10⁻⁴ relative, far below the statistical tolerances.
    /// </summary>
    public const double SmallP = 1e-4;

    /// <summary>Leaves whose links deliver pairs at <paramref name="rates"/> (Hz).</summary>
    public static SwitchLeaf[] Leaves(params double[] rates) =>
        [.. rates.Select((rate, i) => new SwitchLeaf($"n{i}", $"l{i}", SmallP, SimTime.FromSeconds(SmallP / rate)))];

    /// <summary>Always-on requests between the given leaf index sets, named d0, d1, ....</summary>
    public static SwitchDemand[] AlwaysOn(params int[][] leaves) => [.. leaves.Select((l, i) => new SwitchDemand($"d{i}", l))];

    /// <summary>Every pair of k leaves, always on.</summary>
    public static SwitchDemand[] AllPairs(int k) =>
        AlwaysOn([.. from i in Enumerable.Range(0, k) from j in Enumerable.Range(i + 1, k - i - 1) select new[] { i, j }]);

    /// <summary>The mean and standard error of <paramref name="figure"/> over <paramref name="runs"/> seeds of <paramref name="seconds"/> each.</summary>
    public static (double[] Mean, double[] Error) Measure(SwitchModel model, int runs, double seconds, Func<SwitchReport, double[]> figure)
    {
        double[][] values = [.. Enumerable.Range(0, runs).Select(r => figure(SwitchRun.Run(model, 1000 + (ulong)r, SimTime.FromSeconds(seconds))))];
        int n = values[0].Length;
        double[] mean = [.. Enumerable.Range(0, n).Select(i => values.Average(v => v[i]))];
        double[] error = [.. Enumerable.Range(0, n).Select(i => Math.Sqrt(values.Sum(v => Math.Pow(v[i] - mean[i], 2)) / (runs - 1) / runs))];
        return (mean, error);
    }

    public static double[] Capacity(SwitchReport report) => [.. report.Demands.Select(d => d.ServedPerSecond)];

    public static double[] Occupancy(SwitchReport report) => [.. report.Leaves.Select(l => l.MeanOccupancy)];

    /// <summary>
    /// Asserts every measured value lies within five standard errors of the exact one (a false failure has
    /// probability below 10⁻⁶ per value under the normal approximation), and that the measurement is precise
    /// enough to mean something: its standard error is below <paramref name="maxRelativeError"/> of the exact value.
    /// </summary>
    public static void AssertAgrees(double[] exact, (double[] Mean, double[] Error) measured, double maxRelativeError = 0.02)
    {
        Assert.Equal(exact.Length, measured.Mean.Length);
        for (int i = 0; i < exact.Length; i++)
        {
            Assert.True(measured.Error[i] <= maxRelativeError * Math.Abs(exact[i]) || exact[i] == 0,
                $"[{i}]: standard error {measured.Error[i]:G4} too large for exact value {exact[i]:G6}");
            Assert.True(Math.Abs(measured.Mean[i] - exact[i]) <= 5 * measured.Error[i] + 1e-12,
                $"[{i}]: simulated {measured.Mean[i]:G6} ± {measured.Error[i]:G3}, exact {exact[i]:G6}");
        }
    }
}
