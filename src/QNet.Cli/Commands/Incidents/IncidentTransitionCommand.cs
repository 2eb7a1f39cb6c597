using System.ComponentModel;
using QNet.Cli.Commands.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Incidents;

/// <summary>Settings of <c>qnet incident ack|resolve ID</c>.</summary>
internal sealed class IncidentTransitionSettings : FaultsSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The incident's id (from `qnet incident list`).")]
    public string Id { get; init; } = "";
}

/// <summary><c>qnet incident ack ID</c>: acknowledges an incident (operator token).</summary>
internal sealed class IncidentAckCommand : AsyncCommand<IncidentTransitionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, IncidentTransitionSettings settings, CancellationToken cancellationToken) =>
        IncidentTransition.RunAsync(settings, "acknowledge", "acknowledged", cancellationToken);
}

/// <summary><c>qnet incident resolve ID</c>: resolves an incident by hand (operator token).</summary>
internal sealed class IncidentResolveCommand : AsyncCommand<IncidentTransitionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, IncidentTransitionSettings settings, CancellationToken cancellationToken) =>
        IncidentTransition.RunAsync(settings, "resolve", "resolved", cancellationToken);
}

/// <summary>The one POST both transitions make.</summary>
internal static class IncidentTransition
{
    public static async Task<int> RunAsync(IncidentTransitionSettings settings, string action, string done, CancellationToken cancellationToken)
    {
        using var client = IncidentClient.Create(settings);
        if (await client.SendAsync(HttpMethod.Post, IncidentClient.PathOf(settings.Id, action), null, cancellationToken) is not { } incident)
        {
            return ExitCodes.InvalidInput;
        }
        Output.Terminal.Error.MarkupLine($"[grey]incident {Markup.Escape(settings.Id)} {done}; state {Markup.Escape(incident.GetProperty("state").GetString() ?? "")}.[/]");
        return ExitCodes.Ok;
    }
}
