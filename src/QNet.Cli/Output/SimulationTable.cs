using System.Globalization;
using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>Renders a simulation result as a table: simulated figures beside the model's expectations.</summary>
internal static class SimulationTable
{
    public static void Render(IAnsiConsole console, SimulationDocument doc)
    {
        console.MarkupLineInterpolated(
            $"[bold]{doc.Scenario}[/]  seed {doc.Seed}  runs {doc.Runs}  engine {doc.Engine}  simulated {doc.SimulatedSeconds:G6} s  events {doc.Events:N0}  wall {doc.WallClock.Seconds:F3} s");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("link").NoWrap())
            .AddColumn(new TableColumn("").NoWrap())
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("pairs").RightAligned())
            .AddColumn(new TableColumn("pairs/s").RightAligned())
            .AddColumn(new TableColumn("p").RightAligned())
            .AddColumn(new TableColumn("fidelity").RightAligned())
            .AddColumn(new TableColumn("herald").RightAligned());
        foreach (LinkDocument l in doc.Links)
        {
            LinkFigures? se = l.StandardErrors;
            table.AddRow(
                Markup.Escape(l.Id),
                "simulated",
                Num(l.Attempts, "N0"),
                Num(l.Pairs, "N0"),
                Num(l.PairsPerSecond, "G5"),
                Num(l.SuccessProbability, "G4"),
                Num(l.MeanFidelity, "F4"),
                l.MeanHeraldingLatencySeconds is { } s ? FormatSeconds(s) : "-");
            if (se is not null)
            {
                table.AddRow(
                    Text.Empty, new Markup("[dim]± s.e.[/]"), Text.Empty, Dim(se.Pairs, "G2"),
                    Dim(se.PairsPerSecond, "G2"), Dim(se.SuccessProbability, "G2"), Dim(se.MeanFidelity, "G2"), Text.Empty);
            }
            table.AddRow(
                new Markup($"[dim]{Markup.Escape(l.Scheme)}[/]"),
                new Markup("[dim]model[/]"),
                Text.Empty,
                Text.Empty,
                new Markup($"[dim]{Num(l.Expected.PairsPerSecond, "G5")}[/]"),
                new Markup($"[dim]{l.Expected.SuccessProbability.ToString("G4", CultureInfo.InvariantCulture)}[/]"),
                new Markup($"[dim]{l.Expected.Fidelity.ToString("F4", CultureInfo.InvariantCulture)}[/]"),
                Text.Empty);
        }
        foreach (TableColumn column in table.Columns)
        {
            column.Padding(0, 0, 1, 0);
        }
        console.Write(table);
        if (doc.Sessions.Count > 0)
        {
            RenderSessions(console, doc.Sessions);
        }
        if (doc.Switches is { } switches)
        {
            SwitchTable.Render(console, switches);
        }
    }

    private static void RenderSessions(IAnsiConsole console, IReadOnlyList<SessionDocument> sessions)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("session").NoWrap())
            .AddColumn("outcome")
            .AddColumn(new TableColumn("pairs").RightAligned())
            .AddColumn(new TableColumn("pairs/s").RightAligned())
            .AddColumn(new TableColumn("fidelity").RightAligned())
            .AddColumn(new TableColumn("p10").RightAligned())
            .AddColumn(new TableColumn("1st pair").RightAligned())
            .AddColumn(new TableColumn("app").RightAligned());
        foreach (SessionDocument s in sessions)
        {
            string outcome = s.Outcomes.Count == 1 ? s.Outcome : string.Join(" ", s.Outcomes.Select(kv => $"{kv.Key}×{kv.Value}"));
            table.AddRow(
                Markup.Escape(s.Id),
                Markup.Escape(outcome),
                Num(s.Pairs, "N0"),
                Num(s.PairsPerSecond, "G4"),
                Num(s.MeanFidelity, "F4"),
                Num(s.FidelityP10, "F4"),
                s.MeanTimeToFirstPairSeconds is { } t ? FormatSeconds(t) : "-",
                s.ApplicationFidelity is { } f ? $"{s.Application} {f:F4}" + (s.TasksPerSecond is { } tasks ? $", {tasks:G4} tasks/s" : "") : s.Application);
        }
        foreach (TableColumn column in table.Columns)
        {
            column.Padding(0, 0, 1, 0);
        }
        console.Write(table);
        foreach (SessionDocument s in sessions)
        {
            string path = s.Path.Count > 0 ? $"path {string.Join(" → ", s.Path)}; memory slots: {s.EndSlots} per end, {s.RepeaterSlotsPerSide} per repeater side" : "no path";
            console.MarkupLine($"[dim]{Markup.Escape(s.Id)}: {Markup.Escape(path)}[/]");
            if (s.Qkd is { } q)
            {
                console.MarkupLine(Markup.Escape($"  qkd (bbm92): {Num(q.SiftedBits, "N0")} sifted bits, QBER {Num(q.Qber * 100, "F2")} % (expected {Num(q.ExpectedQber * 100, "F2")} %), "
                    + $"{Num(q.SecretBits, "N0")} secret bits in {Num(q.Blocks, "G4")} block(s) of {q.BlockSizeBits:N0} ({Num(q.DiscardedBlocks, "G4")} discarded), "
                    + $"{Num(q.SecretBitsPerSecond, "G4")} b/s; asymptotic {Num(q.AsymptoticBitsPerSecond, "G4")} b/s"));
            }
            foreach (string reason in s.Reasons)
            {
                console.MarkupLine($"  [yellow]{Markup.Escape(reason)}[/]");
            }
        }
    }

    private static string Num(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    // Standard errors below 1e-12 are floating-point noise of a constant figure.
    private static Markup Dim(double? v, string format) =>
        new($"[dim]{(v is { } x ? (Math.Abs(x) < 1e-12 ? "0" : x.ToString(format, CultureInfo.InvariantCulture)) : "-")}[/]");

    internal static string FormatSeconds(double s) => s switch
    {
        >= 1 => $"{s:G4} s",
        >= 1e-3 => $"{s * 1e3:G4} ms",
        >= 1e-6 => $"{s * 1e6:G4} µs",
        _ => $"{s * 1e9:G4} ns",
    };
}
