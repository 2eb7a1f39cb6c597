using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// <c>POST /api/alert-webhooks/{page|ticket}</c>: receives Alertmanager's webhook notifications (payload version 4),
/// which the generated Alertmanager configuration sends with an operator token (<c>credentials_file</c>), and keeps
/// each alert in the store; <c>GET /api/v1/alert-notifications</c> lists them, newest first. This record is what
/// incident handling builds on.
/// </summary>
internal static class AlertWebhooksApi
{
    /// <summary>The receivers the generated configuration points at.</summary>
    public static readonly IReadOnlyList<string> Receivers = ["page", "ticket"];

    /// <summary>Largest accepted notification, in bytes (Alertmanager sends a whole group in one body).</summary>
    public const int MaxBodyBytes = 4 << 20;

    /// <summary>Most alerts one listing returns.</summary>
    public const int MaxListed = 1000;

    public static void MapAlertWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/alert-webhooks/{receiver}", ReceiveAsync).RequireOperator().WithTags("alerts")
            .Accepts<AlertmanagerWebhook>("application/json").ProducesValidationProblem()
            .WithSummary("Receive an Alertmanager webhook notification (payload version 4) for the page or ticket receiver.");
        app.MapGet("/api/v1/alert-notifications", ListAsync).RequireViewer().WithTags("alerts")
            .WithSummary("Alerts received from Alertmanager, newest first; ?receiver=page|ticket filters, ?limit=N (1..1000, default 100).");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private static async Task<IResult> ReceiveAsync(string receiver, HttpRequest request, ControlPlaneStore store, TimeProvider time, Incidents.IncidentBook incidents,
        Twin.TwinClock clock)
    {
        if (!Receivers.Contains(receiver))
        {
            return TypedResults.Problem($"no alert webhook '{receiver}'; use page or ticket", statusCode: 404);
        }

        if (request.ContentLength is > MaxBodyBytes)
        {
            return ApiBodies.Invalid("body", $"must be at most {MaxBodyBytes} bytes");
        }

        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return ApiBodies.Invalid("body", "must be JSON (Content-Type: application/json)");
        }

        AlertmanagerWebhook? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AlertmanagerWebhook>(request.Body, Json, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return ApiBodies.Invalid(field, "is not valid here (expected Alertmanager's webhook payload, version 4)");
        }
        if (body is null)
        {
            return ApiBodies.Invalid("body", "must be a JSON object");
        }

        if (body.Version != "4")
        {
            return ApiBodies.Invalid("version", $"must be \"4\" (Alertmanager's webhook payload version), not {Quoted(body.Version)}");
        }

        if (body.Alerts is null)
        {
            return ApiBodies.Invalid("alerts", "is required");
        }

        var now = time.GetUtcNow();
        var records = new List<AlertNotificationRecord>(body.Alerts.Count);
        for (var i = 0; i < body.Alerts.Count; i++)
        {
            if (body.Alerts[i] is not { } alert)
            {
                return ApiBodies.Invalid($"alerts[{i}]", "must be an object");
            }

            if (alert.Status is not ("firing" or "resolved"))
            {
                return ApiBodies.Invalid($"alerts[{i}].status", $"must be firing or resolved, not {Quoted(alert.Status)}");
            }

            if (alert.Labels is null)
            {
                return ApiBodies.Invalid($"alerts[{i}].labels", "is required");
            }

            records.Add(new AlertNotificationRecord(0, now, receiver, body.GroupKey ?? "", alert.Status, alert.Labels.GetValueOrDefault("alertname", ""),
                alert.Fingerprint ?? "", alert.Labels, alert.Annotations ?? [], Given(alert.StartsAt), Given(alert.EndsAt), alert.GeneratorUrl ?? ""));
        }
        await store.AppendAlertNotificationsAsync(records, request.HttpContext.RequestAborted).ConfigureAwait(false);
        // The same incident record as the in-process alerts (deduplicated by label fingerprint), on the twin's clock at arrival.
        var at = clock.GetUtcNow();
        foreach (var r in records)
        {
            incidents.Observe(new Incidents.IncidentAlert(r.AlertName, r.Labels, r.Annotations, r.Status == "firing", at, null, Incidents.IncidentBook.Alertmanager));
        }
        return TypedResults.Ok(new { received = records.Count });
    }

    private static async Task<IResult> ListAsync(ControlPlaneStore store, string? receiver, int? limit, CancellationToken cancellationToken)
    {
        if (receiver is not null && !Receivers.Contains(receiver))
        {
            return ApiBodies.Invalid("receiver", "must be page or ticket");
        }

        var count = limit ?? 100;
        if (count is < 1 or > MaxListed)
        {
            return ApiBodies.Invalid("limit", $"must be 1..{MaxListed}");
        }

        return TypedResults.Ok(await store.ListAlertNotificationsAsync(receiver, count, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Alertmanager writes the zero time (0001-01-01) for "not set".</summary>
    private static DateTimeOffset? Given(DateTimeOffset? at) => at is { Year: > 1 } ? at : null;

    private static string Quoted(string? text) => text is null ? "missing" : $"'{new string(text.Where(c => !char.IsControl(c)).Take(32).ToArray())}'";
}
