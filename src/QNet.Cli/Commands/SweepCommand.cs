using System.Diagnostics;
using QNet.Cli.Output;
using QNet.Network.Scenarios;
using QNet.Network.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet sweep FILE --set PATH=VALUES ...</c>: runs the scenario over the grid of values (docs/planning.md).</summary>
internal sealed class SweepCommand : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var parameters = new List<SweepParameter>();
        foreach (string set in settings.Set)
        {
            if (SweepParameter.TryParse(set, out string error) is not { } parameter)
            {
                Terminal.Error.MarkupLineInterpolated($"[red]error:[/] --set {error}.");
                return ExitCodes.InvalidInput;
            }
            parameters.Add(parameter);
        }
        long points = SweepRunner.PointCount(parameters);
        if (points > SweepRunner.MaxPoints)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] the grid has more than {SweepRunner.MaxPoints} points; sweep fewer values.");
            return ExitCodes.InvalidInput;
        }
        double? duration = null;
        try
        {
            duration = settings.Duration is null ? null : TopologyOptions.Value(settings.Duration, Network.Scenarios.Dimension.Duration, "--duration");
        }
        catch (ArgumentException e)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }
        if (duration is <= 0 or > Network.Scenarios.Scenario.MaxDurationSeconds)
        {
            Terminal.Error.MarkupLine("[red]error:[/] --duration must be greater than 0 and at most 100 days.");
            return ExitCodes.InvalidInput;
        }
        if (!ScenarioFile.TryRead(settings.File, out string text, out ScenarioError? readError))
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {readError!}");
            return ExitCodes.CannotRead;
        }

        var clock = Stopwatch.StartNew();
        SweepResult result = Terminal.WithProgress(!settings.Json, $"Sweeping {points} point(s) × {settings.Runs} run(s)", (int)points * settings.Runs, report =>
            SweepRunner.Run(text, settings.File, parameters, settings.Runs, duration, maxDegreeOfParallelism: settings.Threads ?? -1,
                progress: report, cancellationToken: cancellationToken));
        if (!result.Succeeded)
        {
            ScenarioErrorPrinter.Print(result.Errors);
            return ExitCodes.InvalidInput;
        }
        string json = SweepReport.Json(result, settings.File, clock.Elapsed.TotalSeconds);
        if (settings.Out is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "results.csv"), SweepReport.Csv(result));
            File.WriteAllText(Path.Combine(dir, "results.json"), json);
            SweepReport.Plots(result, dir);
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(json);
            return ExitCodes.Ok;
        }
        var table = new Table().RoundedBorder();
        foreach (SweepParameter p in parameters)
        {
            table.AddColumn(Markup.Escape(p.Path));
        }
        table.AddColumn("series");
        table.AddColumn(new TableColumn("pairs/s").RightAligned());
        table.AddColumn(new TableColumn("mean fidelity").RightAligned());
        table.AddColumn("note");
        foreach (SweepReport.Row r in SweepReport.Rows(result))
        {
            table.AddRow([.. r.Values.Select(Markup.Escape), Markup.Escape($"{r.Kind} {r.Id}"), SweepReport.Cell(r.PairsPerSecond, r.PairsPerSecondStdErr, "G4"),
                SweepReport.Cell(r.MeanFidelity, r.MeanFidelityStdErr, "0.0000"), Markup.Escape(r.Error ?? "")]);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{points} point(s) × {settings.Runs} run(s) in {clock.Elapsed.TotalSeconds:0.0} s wall.");
        if (settings.Out is { } outDir)
        {
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(outDir)}[/] (results.csv, results.json, rate.png, fidelity.png).");
        }
        return ExitCodes.Ok;
    }
}
