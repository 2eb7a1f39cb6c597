using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using QNet.Cli.Output;
using QNet.ControlPlane.GameDays;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet gameday EXPERIMENT</c>: runs a game-day experiment offline on a fresh seeded twin (docs/gamedays.md), or
/// with <c>--target URL --token TOKEN</c> live against a running <c>qnet up</c> in its wall time, and prints the verdict;
/// with <c>--out</c> writes journal.json, report.md, report.html and the timeline PNGs. Ctrl-C or SIGTERM stops a run
/// (offline at the next 15 s sample of twin time), rolls back and still writes what ran; a live run also rolls back on
/// deviation and when the target stops answering (aborted). Exit 0 when the hypothesis held and every expectation was
/// met, 1 when the system deviated or the live target stopped answering, 2 for a bad file, target or token, 130 when
/// interrupted.
/// </summary>
internal sealed class GameDayCommand : Command<GameDayCommand.Settings>
{
    /// <summary>Exit code of a run whose hypothesis or expectations did not hold, or whose live target stopped answering.</summary>
    public const int Deviated = 1;

    /// <summary>Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, the shells' convention); its journal holds what ran.</summary>
    public const int Interrupted = 130;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<EXPERIMENT>")]
        [Description("Experiment file, YAML or JSON (Chaos Toolkit shape; see docs/gamedays.md).")]
        public string Experiment { get; init; } = "";

        [CommandOption("--out <DIR>")]
        [Description("Write journal.json, report.md, report.html and timeline PNGs into DIR.")]
        public string? Out { get; init; }

        [CommandOption("--target <URL>")]
        [Description("Run live against this `qnet up` (its API URL, e.g. http://127.0.0.1:8080/) in wall time at its time factor.")]
        public string? Target { get; init; }

        [CommandOption("--token <TOKEN>")]
        [Description("Operator token for --target (`qnet token create --role operator`).")]
        public string? Token { get; init; }

        [CommandOption("--call-timeout <DURATION>")]
        [Description("With --target: how long one API call may take before the target counts as not answering and the run is aborted and rolled back (default 2min; each rollback call gets it again).")]
        public string? CallTimeout { get; init; }

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

        // Ctrl-C and SIGTERM end the run and roll back; the process exits once the journal and the reports are written.
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        GameDayResult result;
        if (settings.Target is null && settings.Token is null && settings.CallTimeout is null)
        {
            if (!TwinThreadsCheck.Passes())
            {
                return ExitCodes.InvalidInput;
            }
            AnsiConsole.MarkupLineInterpolated(
                $"Offline on a fresh twin ({experiment.Configuration.ScenarioName}, seed {experiment.Configuration.Seed.ToString(CultureInfo.InvariantCulture)}); Ctrl-C stops at the next sample, rolls back and writes what ran.");
            result = Run(new GameDayRunner(experiment, settings.Experiment, new OfflineTarget(experiment, stop.Token)), experiment, settings);
        }
        else if (Live(experiment, settings, stop.Token) is { } live)
        {
            result = live;
        }
        else
        {
            return ExitCodes.InvalidInput;
        }

        Print(result);
        if (result.AbortedBy is { } failed)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error[/] aborted and rolled back: {failed}");
        }
        if (settings.Out is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "journal.json"), GameDayJournalWriter.Write(result));
            GameDayReport.Write(result, dir);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(dir)}[/] (journal.json, report.md, report.html, timeline PNGs).");
        }
        return result.Interrupted ? Interrupted : result.Held ? ExitCodes.Ok : Deviated;
    }

    private static GameDayResult Run(GameDayRunner runner, Experiment experiment, Settings settings)
    {
        double planned = Math.Max(1, runner.PlannedSeconds);
        return Terminal.WithProgress(!settings.NoProgress, $"Game day: {experiment.Title}", 1,
            report => runner.Run(seconds => report(0, Math.Min(1, seconds / planned))));
    }

    // A live run: null (after printing why) when the target or the token is bad or the target stops answering.
    private static GameDayResult? Live(Experiment experiment, Settings settings, CancellationToken stop)
    {
        if (settings.Target is null || !Uri.TryCreate(settings.Target.EndsWith('/') ? settings.Target : settings.Target + "/", UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error[/] --target: {(settings.Target is null ? "is required with --token" : $"'{settings.Target}' is not an http(s) URL")}");
            return null;
        }
        if (string.IsNullOrWhiteSpace(settings.Token))
        {
            Terminal.Error.MarkupLine("[red]error[/] --token: is required with --target (an operator token: `qnet token create --role operator`)");
            return null;
        }
        TimeSpan? timeout = null;
        if (settings.CallTimeout is { } text)
        {
            if (!ExperimentFields.TryDuration(text, out double seconds) || seconds <= 0)
            {
                Terminal.Error.MarkupLineInterpolated($"[red]error[/] --call-timeout: '{text}' is not a positive duration (e.g. 30s, 2min)");
                return null;
            }
            timeout = TimeSpan.FromSeconds(seconds);
        }
        using var api = new LiveApi(url, settings.Token.Trim(), stop, timeout);
        try
        {
            var target = new LiveTarget(api, experiment, stop);
            double wall = GameDayRunner.PlannedSecondsOf(experiment) / target.TimeFactor;
            AnsiConsole.MarkupLineInterpolated(
                $"Live against [bold]{url}[/] ({target.Scenario}, time factor {target.TimeFactor.ToString(CultureInfo.InvariantCulture)}): about {wall.ToString("F0", CultureInfo.InvariantCulture)} s of wall time; Ctrl-C rolls back.");
            return Run(new GameDayRunner(experiment, settings.Experiment, target) { StopOnDeviation = true }, experiment, settings);
        }
        catch (LiveTargetException e)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return null;
        }
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
            AnsiConsole.MarkupLine($"[red]{r.Verdict}[/]");
            foreach (var d in r.Deviations)
            {
                AnsiConsole.MarkupLineInterpolated($"  {d}");
            }
        }
    }

    private static string Seconds(double? s) => s is { } v ? v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " s" : "-";
}
