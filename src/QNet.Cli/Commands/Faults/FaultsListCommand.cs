using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Faults;

/// <summary><c>qnet faults list</c>: every fault of a running <c>qnet up</c>, active and cleared, one per line (or JSON).</summary>
internal sealed class FaultsListCommand : AsyncCommand<FaultsListCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print the API's JSON instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings);
        if (await client.SendAsync(HttpMethod.Get, "api/v1/faults", null, cancellationToken) is not { } faults)
        {
            return ExitCodes.CannotRead;
        }
        if (settings.Json)
        {
            Console.WriteLine(faults.GetRawText());
            return ExitCodes.Ok;
        }
        Console.WriteLine("id\tkind\ttarget\tmagnitude\tstate");
        foreach (JsonElement f in faults.EnumerateArray())
        {
            string state = f.GetProperty("active").GetBoolean() ? "active" : "cleared";
            Console.WriteLine(string.Join('\t', f.GetProperty("id").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("target").GetString(),
                f.GetProperty("magnitude").GetDouble().ToString(CultureInfo.InvariantCulture), state));
        }
        return ExitCodes.Ok;
    }
}
