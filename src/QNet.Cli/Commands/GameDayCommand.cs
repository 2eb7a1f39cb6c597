using System.ComponentModel;
using QNet.Cli.Output;
using QNet.ControlPlane.GameDays;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet gameday EXPERIMENT</c>: runs a game-day experiment offline on a fresh seeded twin (docs/gamedays.md) and
/// prints the verdict; with <c>--out</c> writes journal.json, report.md, report.html and the timeline PNGs.
/// Exit 0 when the hypothesis held and every expectation was met, 1 when the system deviated, 2 for a bad file.
/// </summary>
internal sealed class GameDayCommand : Command<GameDayCommand.Settings>
{
    /// <summary>Exit code of a run whose hypothesis or expectations did not hold.</summary>
    public const int Deviated = 1;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("Experiment file, YAML or JSON (Chaos Toolkit shape; see docs/gamedays.md).")]
        public string Experiment { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Write journal.json, report.md, report.html and timeline PNGs into DIR.")]
        public string? Out { get; init; }

        [CommandOption("--no-progress")]
        [Description("No progress bar on the terminal.")]
        public bool NoProgress { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var loaded = ExperimentLoader.LoadFile(settings.Experiment);
        if (loaded.Experiment is not { } experiment)
        {
            foreach (var e in loaded.Errors)
            {
                Terminal.Error.MarkupLineInterpolated($"[red]error[/] {e}");
            }
            return ExitCodes.InvalidInput;
        }

        var runner = new GameDayRunner(experiment, settings.Experiment);
        double planned = Math.Max(1, runner.PlannedSeconds);
        var result = Terminal.WithProgress(!settings.NoProgress, $"Game day: {experiment.Title}", 1,
            report => runner.Run(seconds => report(0, Math.Min(1, seconds / planned))));

        Print(result);
        if (settings.Out is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "journal.json"), GameDayJournalWriter.Write(result));
            GameDayReport.Write(result, dir);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(dir)}[/] (journal.json, report.md, report.html, timeline PNGs).");
        }
        return result.Held ? ExitCodes.Ok : Deviated;
    }

    private static void Print(GameDayResult r)
    {
        var s = r.Summary;
        var table = new Table().AddColumn("Figure").AddColumn("Value");
        table.AddRow("time to detect", Seconds(s.TimeToDetectSeconds));
        table.AddRow("time to mitigate", Seconds(s.TimeToMitigateSeconds));
        table.AddRow("time to recover", Seconds(s.TimeToRecoverSeconds));
        table.AddRow("pages / tickets", $"{s.Pages} / {s.Tickets}");
        table.AddRow("sessions affected", Markup.Escape(s.SessionsAffected.Count == 0 ? "none" : string.Join(", ", s.SessionsAffected)));
        AnsiConsole.Write(table);
        foreach (var o in r.Expectations)
        {
            AnsiConsole.MarkupLine((o.Met ? "[green]met[/] " : "[red]not met[/] ") + Markup.Escape($"{o.Expectation.Describe()}: {o.Reason}"));
        }
        if (r.Held)
        {
            AnsiConsole.MarkupLine("[green]hypothesis held[/]");
        }
        else
        {
            AnsiConsole.MarkupLine("[red]deviated[/]");
            foreach (var d in r.Deviations)
            {
                AnsiConsole.MarkupLineInterpolated($"  {d}");
            }
        }
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " s" : "-";
}
