using System.ComponentModel;
using System.Text.Json;
using QNet.Cli.Commands.Faults;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Incidents;

/// <summary><c>qnet incident show ID</c>: one incident with its alerts and timeline (or JSON).</summary>
internal sealed class IncidentShowCommand : AsyncCommand<IncidentShowCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The incident's id (from `qnet incident list`).")]
        public string Id { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the API's JSON instead of text.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = IncidentClient.Create(settings);
        if (await client.SendAsync(HttpMethod.Get, IncidentClient.PathOf(settings.Id), null, cancellationToken) is not { } i)
        {
            return ExitCodes.CannotRead;
        }
        if (settings.Json)
        {
            Console.WriteLine(i.GetRawText());
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{i.GetProperty("id").GetString()}: {i.GetProperty("title").GetString()}");
        Console.WriteLine($"state {i.GetProperty("state").GetString()}, scope {(i.GetProperty("key").GetString() is { Length: > 0 } key ? key : "network")}, opened {IncidentClient.Time(i.GetProperty("openedAt"))}");
        foreach (var (label, at, by) in new[] { ("acknowledged", "acknowledgedAt", "acknowledgedBy"), ("mitigated", "mitigatedAt", "mitigatedBy"), ("resolved", "resolvedAt", "resolvedBy") })
        {
            if (i.GetProperty(at).ValueKind == JsonValueKind.String)
            {
                Console.WriteLine($"{label} {IncidentClient.Time(i.GetProperty(at))} by {i.GetProperty(by).GetString()}");
            }
        }
        Console.WriteLine("alerts:");
        foreach (var a in i.GetProperty("alerts").EnumerateArray())
        {
            Console.WriteLine($"  {a.GetProperty("name").GetString()}\t{a.GetProperty("status").GetString()}\tfired {IncidentClient.Time(a.GetProperty("firedAt"))}");
        }
        Console.WriteLine("timeline:");
        foreach (var e in i.GetProperty("timeline").EnumerateArray())
        {
            var trace = e.GetProperty("traceId").GetString();
            Console.WriteLine($"  {IncidentClient.Time(e.GetProperty("at"))}\t{e.GetProperty("kind").GetString()}\t{e.GetProperty("text").GetString()}{(trace is null ? "" : "\ttrace " + trace)}");
        }
        return ExitCodes.Ok;
    }
}
