using System.Globalization;
using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>Renders a simulation result as a table: simulated figures beside the model's expectations.</summary>
internal static class SimulationTable
{
    public static void Render(IAnsiConsole console, SimulationDocument doc)
    {
        console.MarkupLineInterpolated(
            $"[bold]{doc.Scenario}[/]  seed {doc.Seed}  runs {doc.Runs}  engine {doc.Engine}  simulated {doc.SimulatedSeconds:G6} s  events {doc.Events:N0}  wall {doc.WallSeconds:F3} s");
        var table = new Table().RoundedBorder()
            .AddColumn("link").AddColumn("scheme")
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("pairs").RightAligned())
            .AddColumn(new TableColumn("pairs/s (model)").RightAligned())
            .AddColumn(new TableColumn("p (model)").RightAligned())
            .AddColumn(new TableColumn("fidelity (model)").RightAligned())
            .AddColumn(new TableColumn("herald latency").RightAligned());
        foreach (LinkDocument l in doc.Links)
        {
            LinkFigures? se = l.StandardErrors;
            table.AddRow(
                Markup.Escape(l.Id),
                l.Scheme,
                Num(l.Attempts, "N0"),
                Num(l.Pairs, "N0"),
                $"{WithError(l.PairsPerSecond, se?.PairsPerSecond, "G5")} ({l.Expected.PairsPerSecond:G5})",
                $"{WithError(l.SuccessProbability, se?.SuccessProbability, "G4")} ({l.Expected.SuccessProbability:G4})",
                $"{WithError(l.MeanFidelity, se?.MeanFidelity, "F4")} ({l.Expected.Fidelity:F4})",
                l.MeanHeraldingLatencySeconds is { } s ? FormatSeconds(s) : "-");
        }
        console.Write(table);
    }

    private static string Num(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string WithError(double? v, double? se, string format) =>
        v is not { } x ? "-" : se is { } e ? $"{x.ToString(format, CultureInfo.InvariantCulture)} ± {e.ToString("G2", CultureInfo.InvariantCulture)}" : x.ToString(format, CultureInfo.InvariantCulture);

    internal static string FormatSeconds(double s) => s switch
    {
        >= 1 => $"{s:G4} s",
        >= 1e-3 => $"{s * 1e3:G4} ms",
        >= 1e-6 => $"{s * 1e6:G4} µs",
        _ => $"{s * 1e9:G4} ns",
    };
}
