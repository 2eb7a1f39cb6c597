using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Faults;

/// <summary><c>qnet faults clear ID</c>: clears an active fault of a running <c>qnet up</c>; the network recovers by itself.</summary>
internal sealed class FaultsClearCommand : AsyncCommand<FaultsClearCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The fault's id (from `qnet faults inject` or `qnet faults list`).")]
        public string Id { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings);
        if (await client.SendAsync(HttpMethod.Delete, "api/v1/faults/" + Uri.EscapeDataString(settings.Id), null, cancellationToken) is null)
        {
            return ExitCodes.InvalidInput;
        }
        Output.Terminal.Error.MarkupLine($"[grey]fault {Markup.Escape(settings.Id)} cleared.[/]");
        return ExitCodes.Ok;
    }
}
