using QNet.Qkd.Sweep;
using ScottPlot;

namespace QNet.Cli.Commands.Qkd;

/// <summary>The key-rate-versus-distance plot: simulated finite-key rate, asymptotic rates and the repeaterless bound, log-scale rate axis.</summary>
internal static class QkdPlot
{
    /// <summary>Writes the plot as a PNG to <paramref name="path"/>.</summary>
    public static void Save(QkdSweepResult result, string protocolName, string path)
    {
        var plot = new Plot();
        AddSeries(plot, result, p => p.SecretKeyRateBitsPerPulse, "simulated (finite key)", markers: true);
        AddSeries(plot, result, p => p.AsymptoticKeyRateBitsPerPulse, "asymptotic (theory)", markers: false);
        if (result.Points.Any(p => p.PracticalAsymptoticKeyRateBitsPerPulse != p.AsymptoticKeyRateBitsPerPulse))
        {
            AddSeries(plot, result, p => p.PracticalAsymptoticKeyRateBitsPerPulse, "asymptotic, vacuum + weak decoy", markers: false);
        }
        AddSeries(plot, result, p => p.PlobBoundBitsPerPulse, "PLOB bound −log2(1−η)", markers: false);

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title($"qnet qkd: {protocolName} key rate vs distance");
        plot.XLabel("fiber length (km)");
        plot.YLabel("secret key rate (bits per pulse)");
        plot.ShowLegend(Alignment.UpperRight);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        plot.SavePng(path, 900, 600);
    }

    private static void AddSeries(Plot plot, QkdSweepResult result, Func<QkdDistancePoint, double> value, string label, bool markers)
    {
        var positive = result.Points.Where(p => value(p) > 0 && double.IsFinite(value(p))).ToArray();
        if (positive.Length == 0)
        {
            return;
        }
        var scatter = plot.Add.Scatter(positive.Select(p => p.DistanceKm).ToArray(), positive.Select(p => Math.Log10(value(p))).ToArray());
        scatter.LegendText = label;
        scatter.MarkerSize = markers ? 6 : 0;
        scatter.LineWidth = markers ? 1 : 2;
    }
}
