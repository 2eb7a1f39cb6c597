using QNet.Network.Planning;
using ScottPlot;

namespace QNet.Cli.Plots;

/// <summary>The plan plot: cost per usable pair against usable pairs per second (both log10), every simulated design, the Pareto front and the recommendation.</summary>
internal static class PlanPlot
{
    public static void Save(PlanResult result, string path)
    {
        var plot = new Plot();
        var delivered = result.Rows.Where(r => r.Status == PlanStatus.Simulated && r.UsableRateHz.Mean > 0).ToArray();
        if (delivered.Length > 0)
        {
            var all = plot.Add.ScatterPoints(delivered.Select(r => Math.Log10(r.UsableRateHz.Mean)).ToArray(), delivered.Select(r => Math.Log10(r.CostPerPair)).ToArray());
            all.LegendText = "designs (simulated)";
            all.MarkerSize = 7;
            var front = delivered.Where(r => r.Pareto).OrderBy(r => r.UsableRateHz.Mean).ToArray();
            var line = plot.Add.Scatter(front.Select(r => Math.Log10(r.UsableRateHz.Mean)).ToArray(), front.Select(r => Math.Log10(r.CostPerPair)).ToArray());
            line.LegendText = "Pareto front";
            line.LineWidth = 2;
            line.MarkerSize = 9;
            foreach (PlanRow r in front)
            {
                var text = plot.Add.Text(r.Design.Label, Math.Log10(r.UsableRateHz.Mean), Math.Log10(r.CostPerPair));
                text.LabelFontSize = 10;
            }
            if (result.Recommended is { } best)
            {
                var star = plot.Add.ScatterPoints(new[] { Math.Log10(best.UsableRateHz.Mean) }, new[] { Math.Log10(best.CostPerPair) });
                star.MarkerShape = MarkerShape.FilledDiamond;
                star.MarkerSize = 14;
                star.LegendText = "recommended: " + best.Design.Label;
            }
        }
        PlotFile.UseLogTicks(plot.Axes.Bottom);
        PlotFile.UseLogTicks(plot.Axes.Left);
        double km = result.Request.DistanceMetres / 1000;
        plot.Title($"qnet plan: {km:0.#} km at fidelity ≥ {result.Request.TargetFidelity:0.###}");
        plot.XLabel("usable pairs per second");
        plot.YLabel($"cost per usable pair ({result.Costs.Currency})");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFile.Save(plot, path);
    }
}
