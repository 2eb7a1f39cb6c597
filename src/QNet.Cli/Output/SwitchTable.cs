using System.Globalization;
using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>Renders the switches of a simulation: capacity per request, buffer occupancy per leaf, waiting times.</summary>
internal static class SwitchTable
{
    public static void Render(IAnsiConsole console, IReadOnlyList<SwitchDocument> switches)
    {
        foreach (SwitchDocument s in switches)
        {
            string error = s.PairsPerSecondError is { } e ? $" ± {Num(e, "G2")}" : "";
            string ghz = s.GhzPerSecond > 0 ? $", {Num(s.GhzPerSecond, "G5")} GHZ states/s" : "";
            console.MarkupLine(Markup.Escape($"switch {s.Id}: capacity {Num(s.PairsPerSecond, "G5")}{error} pairs/s{ghz}; policy {s.Policy}, buffer {s.Buffer} per leaf"));
            var requests = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("request").NoWrap())
                .AddColumn(new TableColumn("leaves").NoWrap())
                .AddColumn(new TableColumn("requests").RightAligned())
                .AddColumn(new TableColumn("served").RightAligned())
                .AddColumn(new TableColumn("served/s").RightAligned())
                .AddColumn(new TableColumn("mean wait").RightAligned())
                .AddColumn(new TableColumn("qubit age").RightAligned())
                .AddColumn(new TableColumn("fidelity").RightAligned());
            foreach (SwitchRequestDocument r in s.Requests)
            {
                requests.AddRow(
                    Markup.Escape(r.Session),
                    Markup.Escape(string.Join("–", r.Leaves)),
                    r.Requests > 0 ? Num(r.Requests, "N0") : "always",
                    Num(r.Served, "N0"),
                    Num(r.ServedPerSecond, "G5"),
                    r.MeanWaitSeconds is { } w ? SimulationTable.FormatSeconds(w) : "-",
                    r.MeanQubitAgeSeconds is { } a ? SimulationTable.FormatSeconds(a) : "-",
                    Num(r.Fidelity, "F4"));
            }
            console.Write(requests);
            var leaves = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("leaf").NoWrap())
                .AddColumn(new TableColumn("link").NoWrap())
                .AddColumn(new TableColumn("heralded").RightAligned())
                .AddColumn(new TableColumn("used").RightAligned())
                .AddColumn(new TableColumn("full").RightAligned())
                .AddColumn(new TableColumn("lost").RightAligned())
                .AddColumn(new TableColumn("cut-off").RightAligned())
                .AddColumn(new TableColumn("occupancy").RightAligned());
            foreach (SwitchLeafDocument l in s.Leaves)
            {
                leaves.AddRow(
                    Markup.Escape(l.Node), Markup.Escape(l.Link), Num(l.Generated, "N0"), Num(l.Used, "N0"),
                    Num(l.Dropped, "N0"), Num(l.Lost, "N0"), Num(l.Expired, "N0"), Num(l.MeanOccupancy, "F3"));
            }
            console.Write(leaves);
        }
    }

    private static string Num(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
