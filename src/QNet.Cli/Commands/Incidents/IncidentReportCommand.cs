using System.ComponentModel;
using QNet.Cli.Commands.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Incidents;

/// <summary><c>qnet incident report ID</c>: writes the incident's postmortem draft (Markdown) to a file or stdout.</summary>
internal sealed class IncidentReportCommand : AsyncCommand<IncidentReportCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The incident's id (from `qnet incident list`).")]
        public string Id { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Write the Markdown here instead of stdout.")]
        public string? Out { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = IncidentClient.Create(settings);
        if (await client.SendTextAsync(HttpMethod.Get, IncidentClient.PathOf(settings.Id, "postmortem"), null, cancellationToken) is not { } markdown)
        {
            return ExitCodes.CannotRead;
        }
        if (settings.Out is null)
        {
            Console.Write(markdown);
            return ExitCodes.Ok;
        }
        try
        {
            await File.WriteAllTextAsync(settings.Out, markdown, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Output.Terminal.Error.MarkupLine($"[red]error:[/] --out: cannot write {Markup.Escape(settings.Out)}: {Markup.Escape(e.GetType() == typeof(UnauthorizedAccessException) ? "permission denied" : "the folder does not exist or the disk refused it")}");
            return ExitCodes.CannotRead;
        }
        Output.Terminal.Error.MarkupLine($"[grey]postmortem draft of {Markup.Escape(settings.Id)} written to {Markup.Escape(settings.Out)}.[/]");
        return ExitCodes.Ok;
    }
}
