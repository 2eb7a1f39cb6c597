using ScottPlot;

namespace QNet.Cli.Plots;

/// <summary>
/// Shared ScottPlot helpers for the CLI's PNG plots: a log10 axis with decade labels (the same
/// treatment as the qkd key-rate plot) and saving into a directory that may not exist yet.
/// </summary>
internal static class PlotFile
{
    /// <summary>Pixel size of every saved plot.</summary>
    public const int Width = 900;

    /// <summary>Pixel height of every saved plot.</summary>
    public const int Height = 600;

    /// <summary>Labels an axis holding log10 values as decades (1e-3, 1e-2, ...), with log-spaced minor ticks.</summary>
    public static void UseLogTicks(IAxis axis) => axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => $"1e{v:0}",
    };

    /// <summary>Writes <paramref name="plot"/> as a PNG, creating the directory.</summary>
    public static void Save(Plot plot, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }
        plot.SavePng(path, Width, Height);
    }
}
