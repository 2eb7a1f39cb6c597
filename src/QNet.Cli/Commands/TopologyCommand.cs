using QNet.Cli.Output;
using QNet.Network.Generators;
using QNet.Network.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet topology chain|star|grid|ring</c>: writes a generated scenario file (docs/planning.md).</summary>
internal sealed class TopologyCommand : Command<TopologySettings>
{
    public override int Execute(CommandContext context, TopologySettings settings, CancellationToken cancellationToken)
    {
        string yaml;
        try
        {
            yaml = TopologyGenerator.Generate(TopologyOptions.ToSpec(settings));
        }
        catch (ArgumentException e)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {Network.Scenarios.UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }
        // What is written must load: a file over the size limit, or values the simulator refuses in
        // combination (--attenuation 1e6dB/km leaves no light), would only fail later in simulate.
        int bytes = System.Text.Encoding.UTF8.GetByteCount(yaml);
        if (bytes > ScenarioFile.MaxBytes)
        {
            Terminal.Error.MarkupLineInterpolated(
                $"[red]error:[/] the generated scenario would be {bytes / 1048576.0:F1} MiB, larger than the {ScenarioFile.MaxSizeText} a scenario file may hold; generate fewer nodes.");
            return ExitCodes.InvalidInput;
        }
        ScenarioLoadResult check = ScenarioLoader.Parse(yaml, settings.Out ?? "(generated)");
        if (check.Scenario is not { } scenario)
        {
            ScenarioErrorPrinter.Print(check.Errors);
            return ExitCodes.InvalidInput;
        }
        if (settings.Out is null)
        {
            Console.Out.Write(yaml);
            return ExitCodes.Ok;
        }
        try
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(settings.Out));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
            File.WriteAllText(settings.Out, yaml);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] cannot write {settings.Out}: {e.Message}");
            return ExitCodes.CannotRead;
        }
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{settings.Out}[/]: {scenario.Nodes.Count} nodes, {scenario.Links.Count} links, {scenario.Sessions.Count} session(s).");
        return ExitCodes.Ok;
    }
}
