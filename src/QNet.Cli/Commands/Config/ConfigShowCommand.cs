using System.ComponentModel;
using System.Globalization;
using QNet.Cli.Commands.Faults;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Config;

/// <summary><c>qnet config show ID</c>: one configuration change with its steps (simulated time, step, reason), or its JSON.</summary>
internal sealed class ConfigShowCommand : AsyncCommand<ConfigShowCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The change's id (from `qnet config change` or `qnet config list`).")]
        public string Id { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the API's JSON (with the compared figures) instead of the steps.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings, "changing the configuration");
        if (await client.SendAsync(HttpMethod.Get, "api/v1/config-changes/" + Uri.EscapeDataString(settings.Id), null, cancellationToken) is not { } change)
        {
            return ExitCodes.InvalidInput;
        }
        if (settings.Json)
        {
            Console.WriteLine(change.GetRawText());
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{change.GetProperty("id").GetString()}: {change.GetProperty("field").GetString()} on canary {change.GetProperty("canary").GetString()}, " +
            $"{change.GetProperty("status").GetString()}");
        foreach (var step in change.GetProperty("steps").EnumerateArray())
        {
            Console.WriteLine($"  t={step.GetProperty("simulatedSeconds").GetDouble().ToString("0.0", CultureInfo.InvariantCulture)}s\t" +
                $"{step.GetProperty("step").GetString()}\t{step.GetProperty("reason").GetString()}");
        }
        return ExitCodes.Ok;
    }
}
