using QNet.ControlPlane.GameDays;
using ScottPlot;

namespace QNet.Cli.Plots;

/// <summary>A game day's timeline: one SLI against twin minutes, its objective as a dashed line and every fault window shaded.</summary>
internal static class GameDayTimelinePlot
{
    /// <summary>The PNG bytes of <paramref name="series"/>'s plot.</summary>
    public static byte[] Png(TimelineSeries series, IReadOnlyList<FaultWindow> faults)
    {
        var plot = new Plot();
        foreach (var f in faults)
        {
            var span = plot.Add.HorizontalSpan(f.StartSeconds / 60, f.EndSeconds / 60);
            span.FillStyle.Color = Colors.Red.WithAlpha(0.15);
            span.LineStyle.Width = 0;
            span.LegendText = $"{f.Kind} {f.Target}";
        }
        var points = series.Points.Where(p => p.Value is { } v && double.IsFinite(v)).ToArray();
        if (points.Length > 0)
        {
            var line = plot.Add.Scatter(points.Select(p => p.Seconds / 60).ToArray(), points.Select(p => p.Value!.Value).ToArray());
            line.LegendText = series.Name;
            line.MarkerSize = 3;
            line.LineWidth = 1.5f;
        }
        if (series.Tolerance is { Comparison: not (Comparison.State or Comparison.Between) } t)
        {
            var objective = plot.Add.HorizontalLine(t.Low);
            objective.LinePattern = LinePattern.Dashed;
            objective.LegendText = "tolerance " + t;
        }
        plot.Title($"{series.Name} ({series.Sli})");
        plot.XLabel("twin time (min)");
        plot.YLabel(series.Sli);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(PlotFile.Width, PlotFile.Height / 2, ImageFormat.Png);
    }
}
