using System.ComponentModel;
using QNet.Cli.Output;
using QNet.Network.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet validate FILE</c>: checks a scenario file and prints every problem as
/// <c>FILE:LINE:COL: FIELD: message</c>. Exit codes: 0 valid, 1 file missing, 2 invalid.
/// </summary>
internal sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateCommand.Settings>
{
    /// <summary>Exit code of a valid file.</summary>
    public const int Valid = 0;

    /// <summary>Exit code when the file does not exist.</summary>
    public const int FileMissing = 1;

    /// <summary>Exit code of a file with errors.</summary>
    public const int Invalid = 2;

    /// <summary>Arguments of <c>qnet validate</c>.</summary>
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("Scenario file (YAML or JSON).")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(settings.File) && !Directory.Exists(settings.File))
        {
            console.MarkupLine($"[red]{Markup.Escape(settings.File)}: no such file[/]");
            return FileMissing;
        }
        if (!console.Profile.Out.IsTerminal)
        {
            // Redirected output (CI logs, editors, pipes) keeps one error per line instead of
            // Spectre's fold at 80 columns, so FILE:LINE:COL stays machine-readable.
            console.Profile.Width = Math.Max(console.Profile.Width, ConsoleWidth.Unwrapped);
        }
        ScenarioLoadResult result = ScenarioLoader.LoadFile(settings.File, ScenarioUse.Simulation);
        if (result.Scenario is not { } scenario)
        {
            foreach (ScenarioError error in result.Errors)
            {
                console.WriteLine(error.ToString(), new Style(Color.Red));
            }
            console.MarkupLine($"[red]{Markup.Escape(settings.File)}: {result.Errors.Count} {(result.Errors.Count == 1 ? "error" : "errors")}[/]");
            return Invalid;
        }
        console.MarkupLine($"[green]{Markup.Escape(settings.File)}: valid[/] scenario [bold]{Markup.Escape(scenario.Name)}[/]: "
            + $"{Count(scenario.Nodes.Count, "node")}, {Count(scenario.Links.Count, "link")}, {Count(scenario.Sessions.Count, "session")}; "
            + $"seed {scenario.Seed}, duration {scenario.DurationSeconds:G6}s");
        return Valid;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
