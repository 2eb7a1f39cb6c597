using ScottPlot;

namespace QNet.Cli.Plots;

/// <summary>A line plot with one line per series against a shared numeric x; non-finite points are skipped.</summary>
internal static class SeriesPlot
{
    /// <summary>One line: its legend and its (x, y) points.</summary>
    public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

    /// <summary>Draws and saves the plot; with <paramref name="logY"/> only positive y values are drawn, on a log10 axis.</summary>
    public static void Save(string path, string title, string xLabel, string yLabel, IReadOnlyList<Series> series, bool logY)
    {
        var plot = new Plot();
        foreach (Series s in series)
        {
            var points = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logY || p.Second > 0)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }
            var scatter = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => logY ? Math.Log10(p.Second) : p.Second).ToArray());
            scatter.LegendText = s.Label;
            scatter.MarkerSize = 6;
            scatter.LineWidth = 1.5f;
        }
        if (logY)
        {
            PlotFile.UseLogTicks(plot.Axes.Left);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plot, path);
    }
}
