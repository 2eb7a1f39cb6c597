using System.Globalization;
using QNet.Cli.Commands.Qkd;
using QNet.Network.Qkd.Sweep;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet qkd</c>: secret key rate against distance for decoy-state BB84 or BBM92, simulated with
/// full post-processing, beside the asymptotic theory and the repeaterless bound; a table (or JSON),
/// a PNG plot with <c>--out</c>, and the longest distance with a positive key.
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
        QkdSweepSettings sweep;
        try
        {
            sweep = QkdSettingsMapper.ToSweep(settings);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            status.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        string protocolName = sweep.Protocol == QkdProtocol.Bb84Decoy ? "bb84-decoy" : "bbm92";

        QkdSweepResult result = null!;
        status.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{protocolName}: {sweep.DistancesMetres.Count} distances", maxValue: sweep.DistancesMetres.Count);
                result = QkdDistanceSweep.Run(sweep, _ => task.Increment(1), settings.Threads, cancellationToken);
            });

        string? plotPath = null;
        if (settings.Out is not null)
        {
            Directory.CreateDirectory(settings.Out);
            plotPath = Path.GetFullPath(Path.Combine(settings.Out, "keyrate.png"));
            QkdPlot.Save(result, protocolName, plotPath);
            File.WriteAllText(Path.Combine(settings.Out, "qkd.json"), QkdJsonReport.Serialize(result, protocolName, plotPath));
        }

        if (settings.Json)
        {
            json.WriteLine(QkdJsonReport.Serialize(result, protocolName, plotPath));
            return 0;
        }
        console.Write(Table(result));
        console.MarkupLine(result.MaxDistanceKm is { } max
            ? $"maximum distance with a positive key: [green]{max.ToString("0.###", CultureInfo.InvariantCulture)} km[/]"
            : "[yellow]no distance gave a positive key[/]");
        if (plotPath is not null)
        {
            console.MarkupLineInterpolated($"plot: {plotPath}");
        }
        return 0;
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
