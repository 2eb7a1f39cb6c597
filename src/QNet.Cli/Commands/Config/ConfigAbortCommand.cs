using System.ComponentModel;
using QNet.Cli.Commands.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Config;

/// <summary><c>qnet config abort ID</c>: aborts a running configuration change; the canary is set back if it took the change.</summary>
internal sealed class ConfigAbortCommand : AsyncCommand<ConfigAbortCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The change's id (from `qnet config change` or `qnet config list`).")]
        public string Id { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings, "changing the configuration");
        if (await client.SendAsync(HttpMethod.Post, "api/v1/config-changes/" + Uri.EscapeDataString(settings.Id) + "/abort", null, cancellationToken) is not { } change)
        {
            return ExitCodes.InvalidInput;
        }
        var steps = change.GetProperty("steps");
        Output.Terminal.Error.MarkupLine($"[grey]{Markup.Escape(steps[steps.GetArrayLength() - 1].GetProperty("reason").GetString() ?? "")}.[/]");
        return ExitCodes.Ok;
    }
}
