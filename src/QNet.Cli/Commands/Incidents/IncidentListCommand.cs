using System.ComponentModel;
using System.Text.Json;
using QNet.Cli.Commands.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Incidents;

/// <summary><c>qnet incident list</c>: the incidents of a running <c>qnet up</c>, newest first, one per line (or JSON).</summary>
internal sealed class IncidentListCommand : AsyncCommand<IncidentListCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandOption("--state <STATE>")]
        [Description("Only incidents in this state: open, acknowledged, mitigated or resolved.")]
        public string? State { get; init; }

        [CommandOption("--json")]
        [Description("Print the API's JSON instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            State is not (null or "open" or "acknowledged" or "mitigated" or "resolved")
                ? ValidationResult.Error($"--state must be open, acknowledged, mitigated or resolved (got '{State}')")
                : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = IncidentClient.Create(settings);
        var path = "api/v1/incidents" + (settings.State is { } s ? "?state=" + Uri.EscapeDataString(s) : "");
        if (await client.SendAsync(HttpMethod.Get, path, null, cancellationToken) is not { } incidents)
        {
            return ExitCodes.CannotRead;
        }
        if (settings.Json)
        {
            Console.WriteLine(incidents.GetRawText());
            return ExitCodes.Ok;
        }
        Console.WriteLine("id\tstate\topened\tscope\talerts\ttitle");
        foreach (JsonElement i in incidents.EnumerateArray())
        {
            Console.WriteLine(string.Join('\t', i.GetProperty("id").GetString(), i.GetProperty("state").GetString(), IncidentClient.Time(i.GetProperty("openedAt")),
                i.GetProperty("key").GetString() is { Length: > 0 } key ? key : "network", i.GetProperty("alerts").GetArrayLength(), i.GetProperty("title").GetString()));
        }
        return ExitCodes.Ok;
    }
}
