using System.Globalization;
using QNet.Cli.Commands.Qkd;
using QNet.Network.Scenarios;
using QNet.Qkd.Sweep;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet qkd</c>: secret key rate against distance for decoy-state BB84 or BBM92, simulated with
/// full post-processing, beside the asymptotic theory and the repeaterless bound; a table (or JSON),
/// a PNG plot with <c>--out</c>, and the longest distance with a positive key. With a scenario
/// FILE, every link with a <c>qkd</c> block is swept (at its length unless <c>--distance</c> is
/// given), the options overriding the file; an invalid file prints the loader's errors and exits 2.
/// </summary>
internal sealed class QkdCommand : Command<QkdSettings>
{
    public override int Execute(CommandContext context, QkdSettings settings, CancellationToken cancellationToken)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return Run(settings, AnsiConsole.Console, Console.Out, stderr, cancellationToken);
    }

    /// <summary>Runs the command writing the table to <paramref name="console"/>, JSON to <paramref name="json"/> and progress and errors to <paramref name="status"/>.</summary>
    internal static int Run(QkdSettings settings, IAnsiConsole console, TextWriter json, IAnsiConsole status, CancellationToken cancellationToken)
    {
        string? scenarioName = null;
        var sweeps = new List<(string? Link, QkdSweepSettings Sweep)>();
        try
        {
            if (settings.File is { } file)
            {
                ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file);
                if (loaded.Scenario is not { } scenario)
                {
                    foreach (ScenarioError e in loaded.Errors)
                    {
                        status.MarkupLine($"[red]{Markup.Escape(e.ToString())}[/]");
                    }
                    status.MarkupLine($"[red]{loaded.Errors.Count} problem(s); nothing was simulated.[/]");
                    return ExitCodes.InvalidInput;
                }
                scenarioName = scenario.Name;
                foreach (LinkSpec link in scenario.Links.Where(l => l.Qkd is not null))
                {
                    sweeps.Add((link.Id, QkdSettingsMapper.ToSweep(settings, link)));
                }
                if (sweeps.Count == 0)
                {
                    status.MarkupLineInterpolated($"[red]error:[/] {file}: no link has a qkd block.");
                    return ExitCodes.InvalidInput;
                }
            }
            else
            {
                sweeps.Add((null, QkdSettingsMapper.ToSweep(settings)));
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            status.MarkupLineInterpolated($"[red]error:[/] {UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }

        var documents = new List<QkdJsonReport.Document>();
        foreach (var (link, sweep) in sweeps)
        {
            string protocolName = ScenarioNames.Of(sweep.Protocol);
            string label = link is null ? protocolName : $"{link} ({protocolName})";
            QkdSweepResult result = null!;
            status.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{Markup.Escape(label)}: {sweep.DistancesMetres.Count} distances", maxValue: sweep.DistancesMetres.Count);
                    result = QkdDistanceSweep.Run(sweep, _ => task.Increment(1), settings.Threads ?? -1, cancellationToken);
                });

            string? plotPath = null;
            if (settings.Out is not null)
            {
                Directory.CreateDirectory(settings.Out);
                string suffix = link is null ? "" : "-" + link;
                plotPath = Path.GetFullPath(Path.Combine(settings.Out, $"keyrate{suffix}.png"));
                QkdPlot.Save(result, label, plotPath);
                File.WriteAllText(Path.Combine(settings.Out, $"qkd{suffix}.json"), QkdJsonReport.Serialize(result, protocolName, plotPath));
            }
            documents.Add(QkdJsonReport.ToDocument(result, protocolName, plotPath, link));

            if (settings.Json)
            {
                continue;
            }
            if (link is not null)
            {
                console.MarkupLineInterpolated($"link [bold]{link}[/] ({protocolName})");
            }
            console.Write(Table(result));
            console.MarkupLine(result.MaxDistanceKm is { } max
                ? $"maximum distance with a positive key: [green]{max.ToString("0.###", CultureInfo.InvariantCulture)} km[/]"
                : "[yellow]no distance gave a positive key[/]");
            if (plotPath is not null)
            {
                console.MarkupLineInterpolated($"plot: {plotPath}");
            }
        }

        if (settings.Json)
        {
            json.WriteLine(scenarioName is null
                ? QkdJsonReport.Serialize(documents[0])
                : QkdJsonReport.Serialize(scenarioName, documents));
        }
        return ExitCodes.Ok;
    }

    private static Table Table(QkdSweepResult result)
    {
        var table = new Table().RoundedBorder();
        foreach (string header in new[] { "km", "gain", "QBER", "QBER th.", "key b/pulse", "key b/s", "asym. b/pulse", "PLOB b/pulse", "f" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }
        static string G(double x) => double.IsPositiveInfinity(x) ? "∞" : !double.IsFinite(x) ? "-" : x == 0 ? "0" : x.ToString("0.00E0", CultureInfo.InvariantCulture);
        static string P(double x) => double.IsFinite(x) ? (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
        foreach (var p in result.Points)
        {
            table.AddRow(
                p.DistanceKm.ToString("0.###", CultureInfo.InvariantCulture), G(p.Gain), P(p.Qber), P(p.TheoreticalQber),
                G(p.SecretKeyRateBitsPerPulse), G(p.SecretKeyRateBitsPerSecond), G(p.AsymptoticKeyRateBitsPerPulse),
                G(p.PlobBoundBitsPerPulse), double.IsFinite(p.ErrorCorrectionEfficiency) ? p.ErrorCorrectionEfficiency.ToString("0.000", CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }
}
