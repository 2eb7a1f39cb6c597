using System.Globalization;
using System.Text;
using System.Text.Json;
using QNet.Cli.Output;
using QNet.Network.Planning;
using Spectre.Console;

namespace QNet.Cli.Commands;

/// <summary>The plan's table, CSV and JSON.</summary>
internal static class PlanReport
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Table Table(PlanResult result)
    {
        var table = new Table().RoundedBorder();
        string cur = result.Costs.Currency;
        foreach (var (header, right) in new[] { ("rep", true), ("dB/km", true), ("T2", true), ("purif.", false), ("status", false), ($"capital ({cur})", true), ($"per year ({cur})", true), ("est. F", true),
                     ("usable pairs/s", true), ("mean F", true), ($"{cur} per pair", true), ("note", false) })
        {
            table.AddColumn(right ? new TableColumn(header).RightAligned() : new TableColumn(header));
        }
        foreach (PlanRow r in result.Rows)
        {
            bool best = ReferenceEquals(r, result.Recommended);
            string Mark(string text) => best ? $"[green bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            PlanDesign d = r.Design;
            string status = r.Status switch { PlanStatus.Simulated => r.Pareto ? "[green]pareto[/]" : "simulated", PlanStatus.Pruned => "[grey]pruned[/]", _ => "[red]failed[/]" };
            table.AddRow(Mark((best ? "► " : "") + d.Repeaters.ToString(CultureInfo.InvariantCulture)), Mark(d.AttenuationDbPerKm.ToString("0.###", CultureInfo.InvariantCulture)),
                Mark(double.IsPositiveInfinity(d.T2Seconds) ? "∞" : d.T2Seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"), Mark(d.PurificationLabel), status, Money(r.CapitalCost), Money(r.YearlyCost), Fixed(r.EstimatedFidelity, "0.000"),
                r.Status == PlanStatus.Simulated ? SweepReport.Cell(r.UsableRateHz.Mean, r.UsableRateHz.StandardError, "G3") : "-",
                r.Status == PlanStatus.Simulated ? Fixed(r.MeanFidelity.Mean, "0.000") : "-",
                r.Status == PlanStatus.Simulated ? Money(r.CostPerPair) : "-", Markup.Escape(r.Reason ?? ""));
        }
        return table;
    }

    public static string Csv(PlanResult result)
    {
        var csv = new StringBuilder("repeaters,attenuationDbPerKm,t2Seconds,purification,status,capitalCost,yearlyCost,estimatedFidelity,estimatedRateHz,usableRateHz,usableRateHzStdErr,meanFidelity,costPerPair,pareto,recommended,reason\n");
        foreach (PlanRow r in result.Rows)
        {
            csv.Append(SimulationFiles.Csv(r.Design.Repeaters, r.Design.AttenuationDbPerKm, r.Design.T2Seconds, r.Design.PurificationLabel, PlanStatuses.Name(r.Status),
                r.CapitalCost, r.YearlyCost, r.EstimatedFidelity, r.EstimatedRateHz, r.UsableRateHz.Mean, r.UsableRateHz.StandardError, r.MeanFidelity.Mean,
                r.CostPerPair, r.Pareto ? "true" : "false", ReferenceEquals(r, result.Recommended) ? "true" : "false", r.Reason ?? "")).Append('\n');
        }
        return csv.ToString();
    }

    public static string Json(PlanResult result) => JsonSerializer.Serialize(new
    {
        distanceKm = result.Request.DistanceMetres / 1000,
        targetFidelity = result.Request.TargetFidelity,
        durationSeconds = result.Request.DurationSeconds,
        runs = result.Request.Runs,
        currency = result.Costs.Currency,
        recommended = result.Recommended?.Design.Label,
        designs = result.Rows.Select(r => new
        {
            label = r.Design.Label,
            repeaters = r.Design.Repeaters,
            attenuationDbPerKm = r.Design.AttenuationDbPerKm,
            t2Seconds = N(r.Design.T2Seconds),
            purification = r.Design.PurificationLabel,
            status = PlanStatuses.Name(r.Status),
            reason = r.Reason,
            capitalCost = N(r.CapitalCost),
            yearlyCost = N(r.YearlyCost),
            estimatedFidelity = N(r.EstimatedFidelity),
            estimatedRateHz = N(r.EstimatedRateHz),
            usableRateHz = N(r.UsableRateHz.Mean),
            usableRateHzStdErr = N(r.UsableRateHz.StandardError),
            meanFidelity = N(r.MeanFidelity.Mean),
            costPerPair = N(r.CostPerPair),
            pareto = r.Pareto,
            recommended = ReferenceEquals(r, result.Recommended),
        }),
    }, JsonOptions);

    private static string Money(double value) => !double.IsFinite(value) ? (double.IsPositiveInfinity(value) ? "∞" : "-")
        : value >= 1e6 || (value > 0 && value < 0.01) ? value.ToString("0.00E0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static double? N(double value) => double.IsFinite(value) ? value : null;
}
