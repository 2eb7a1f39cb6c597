using System.Globalization;
using System.Text.Json;
using QNet.Cli.Commands.Faults;

namespace QNet.Cli.Commands.Incidents;

/// <summary>The <c>qnet faults</c> HTTP client, pointed at <c>/api/v1/incidents</c>, and the formatting the incident verbs share.</summary>
internal static class IncidentClient
{
    public static ControlPlaneClient Create(FaultsSettings settings) => new(settings, "acknowledging and resolving incidents");

    /// <summary>The path of one incident (its id escaped).</summary>
    public static string PathOf(string id, string? action = null) => "api/v1/incidents/" + Uri.EscapeDataString(id) + (action is null ? "" : "/" + action);

    /// <summary>A JSON time as <c>yyyy-MM-dd HH:mm:ss</c> UTC (empty for null).</summary>
    public static string Time(JsonElement value) => value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var t)
        ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";
}
