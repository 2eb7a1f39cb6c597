using System.ComponentModel;
using QNet.Sre.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet slo validate SPEC...</c>: checks OpenSLO spec files and lists every problem with line and field.</summary>
internal sealed class SloValidateCommand : Command<SloValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("OpenSLO spec files or folders of them (multi-document YAML).")]
        public string[] Specs { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var files = SloSpecFiles.Expand(settings.Specs);
        var result = SpecParser.ParseFiles(files);
        if (!result.IsValid)
        {
            foreach (var e in result.Errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e}");
            }

            return 1;
        }

        foreach (var slo in result.Specs!.Slos)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {slo.Name}: {slo.Objective.Target:P3} {slo.Budgeting} over {(slo.Window.IsRolling ? "rolling" : "calendar")} {slo.Window.Count}{slo.Window.Unit}, {slo.Conditions.Count} burn-rate alerts ({slo.AlertName})");
        }

        AnsiConsole.MarkupLineInterpolated($"{result.Specs.Slos.Count} SLOs, {result.Specs.MaintenanceWindows.Count} maintenance windows in {files.Count} files");
        return 0;
    }
}
