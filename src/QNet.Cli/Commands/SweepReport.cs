using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using QNet.Cli.Output;
using QNet.Cli.Plots;
using QNet.Network.Sweeps;

namespace QNet.Cli.Commands;

/// <summary>The sweep's rows (one per point and link or session) and the files written from them.</summary>
internal static class SweepReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One row: a point, one link or session there, its rate and fidelity (means and standard errors over runs).</summary>
    public sealed record Row(int Point, IReadOnlyList<string> Values, string Kind, string Id, double PairsPerSecond, double PairsPerSecondStdErr,
        double MeanFidelity, double MeanFidelityStdErr, string? Error);

    public static IReadOnlyList<Row> Rows(SweepTable result)
    {
        var rows = new List<Row>();
        foreach (SweepPointSummary s in result.Points)
        {
            if (s.Error is not null)
            {
                rows.Add(new Row(s.Index, s.Values, "point", "", double.NaN, double.NaN, double.NaN, double.NaN, s.Error));
                continue;
            }
            rows.AddRange(s.Links.Select(l => new Row(s.Index, s.Values, "link", l.Id, l.PairsPerSecond.Mean, l.PairsPerSecond.StandardError, l.MeanFidelity.Mean, l.MeanFidelity.StandardError, null)));
            rows.AddRange(s.Sessions.Select(x => new Row(s.Index, s.Values, "session", x.Id, x.PairsPerSecond.Mean, x.PairsPerSecond.StandardError, x.MeanFidelity.Mean, x.MeanFidelity.StandardError,
                x.Reasons.Count > 0 ? string.Join("; ", x.Reasons) : null)));
        }
        return rows;
    }

    public static string Csv(SweepTable result)
    {
        var csv = new StringBuilder(string.Join(',', Enumerable.Repeat("point", 1).Concat(result.Parameters.Select(p => SimulationFiles.Csv(p.Path)))
            .Concat(["kind", "id", "pairsPerSecond", "pairsPerSecondStdErr", "meanFidelity", "meanFidelityStdErr", "note"]))).Append('\n');
        foreach (Row r in Rows(result))
        {
            var cells = new List<object> { r.Point };
            cells.AddRange(r.Values);
            cells.AddRange([r.Kind, r.Id, r.PairsPerSecond, r.PairsPerSecondStdErr, r.MeanFidelity, r.MeanFidelityStdErr, r.Error ?? ""]);
            csv.Append(SimulationFiles.Csv([.. cells])).Append('\n');
        }
        return csv.ToString();
    }

    public static string Json(SweepTable result, string scenario, double wallSeconds) => JsonSerializer.Serialize(new
    {
        scenario,
        runs = result.Runs,
        durationSeconds = result.DurationSeconds,
        wallSeconds,
        parameters = result.Parameters.Select(p => new { path = p.Path, values = p.Values, unit = p.Unit }),
        points = result.Points.Select(p => new
        {
            index = p.Index,
            values = p.Values,
            error = p.Error,
            links = p.Error is not null ? null : p.Links.Select(l => new { id = l.Id, pairsPerSecond = N(l.PairsPerSecond.Mean), pairsPerSecondStdErr = N(l.PairsPerSecond.StandardError), meanFidelity = N(l.MeanFidelity.Mean), meanFidelityStdErr = N(l.MeanFidelity.StandardError) }),
            sessions = p.Error is not null ? null : p.Sessions.Select(s => new
            {
                id = s.Id,
                outcomes = s.Outcomes,
                pairs = N(s.Pairs.Mean),
                pairsPerSecond = N(s.PairsPerSecond.Mean),
                pairsPerSecondStdErr = N(s.PairsPerSecond.StandardError),
                meanFidelity = N(s.MeanFidelity.Mean),
                meanFidelityStdErr = N(s.MeanFidelity.StandardError),
                meanTimeToFirstPairSeconds = N(s.TimeToFirstPairSeconds.Mean),
                reasons = s.Reasons,
            }),
        }),
    }, JsonOptions);

    /// <summary>Writes results.csv, results.json (<paramref name="json"/>), rate.png and fidelity.png into <paramref name="directory"/>.</summary>
    public static void Write(SweepTable result, string json, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.csv"), Csv(result));
        File.WriteAllText(Path.Combine(directory, "results.json"), json);
        Plots(result, directory);
    }

    /// <summary>rate.png and fidelity.png: x is the first numeric parameter (else the point's position); one line per link or session and combination of the other parameters.</summary>
    public static void Plots(SweepTable result, string directory)
    {
        int xi = Math.Max(0, result.Parameters.ToList().FindIndex(p => p.IsNumeric));
        SweepParameter xp = result.Parameters[xi];
        string xLabel = xp.IsNumeric ? (xp.Unit.Length > 0 ? $"{xp.Path} ({xp.Unit})" : xp.Path) : $"{xp.Path} (value number)";
        var groups = Rows(result).Where(r => r.Kind != "point")
            .GroupBy(r => $"{r.Kind} {r.Id}" + string.Concat(r.Values.Select((v, i) => i == xi ? "" : $", {result.Parameters[i].Path}={v}")))
            .ToArray();
        double X(Row r) => xp.IsNumeric ? result.Points[r.Point].Numbers[xi] : xp.Values.ToList().IndexOf(r.Values[xi]);
        SeriesPlot.Save(Path.Combine(directory, "rate.png"), "qnet sweep: pairs per second", xLabel, "pairs per second",
            groups.Select(g => new SeriesPlot.Series(g.Key, g.Select(X).ToArray(), g.Select(r => r.PairsPerSecond).ToArray())).ToArray(), logY: true);
        SeriesPlot.Save(Path.Combine(directory, "fidelity.png"), "qnet sweep: mean fidelity", xLabel, "mean fidelity",
            groups.Select(g => new SeriesPlot.Series(g.Key, g.Select(X).ToArray(), g.Select(r => r.MeanFidelity).ToArray())).ToArray(), logY: false);
    }

    /// <summary>A number for a table cell.</summary>
    public static string Cell(double value, double stdErr, string format) =>
        !double.IsFinite(value) ? "-" : stdErr > 0 ? $"{value.ToString(format, CultureInfo.InvariantCulture)} ± {stdErr.ToString(format, CultureInfo.InvariantCulture)}" : value.ToString(format, CultureInfo.InvariantCulture);

    private static double? N(double value) => double.IsFinite(value) ? value : null;
}
