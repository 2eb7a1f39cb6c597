using System.Globalization;
using System.Text.Json;
using QNet.Cli.Commands.Faults;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Config;

/// <summary><c>qnet config list</c>: every configuration change of a running <c>qnet up</c>, newest first, one per line (or JSON).</summary>
internal sealed class ConfigListCommand : AsyncCommand<ConfigListCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print the API's JSON instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings, "changing the configuration");
        if (await client.SendAsync(HttpMethod.Get, "api/v1/config-changes", null, cancellationToken) is not { } changes)
        {
            return ExitCodes.CannotRead;
        }
        if (settings.Json)
        {
            Console.WriteLine(changes.GetRawText());
            return ExitCodes.Ok;
        }
        Console.WriteLine("id\tfield\tcanary\tprevious\tvalue\tstatus");
        foreach (JsonElement c in changes.EnumerateArray())
        {
            Console.WriteLine(string.Join('\t', c.GetProperty("id").GetString(), c.GetProperty("field").GetString(), c.GetProperty("canary").GetString(),
                c.GetProperty("previous").GetDouble().ToString(CultureInfo.InvariantCulture), c.GetProperty("value").GetDouble().ToString(CultureInfo.InvariantCulture),
                c.GetProperty("status").GetString()));
        }
        return ExitCodes.Ok;
    }
}
