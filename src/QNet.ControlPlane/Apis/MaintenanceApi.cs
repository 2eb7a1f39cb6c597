using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/maintenance</c>.</summary>
/// <param name="Start">Start (ISO 8601, twin time; the twin clock is the wall clock at time factor 1).</param>
/// <param name="End">End, after start.</param>
/// <param name="Matchers">Labels an alert must carry to be suppressed (e.g. {"link": "alice-r1"}); empty covers all.</param>
/// <param name="Reason">Free text.</param>
public sealed record MaintenanceRequest(DateTimeOffset? Start, DateTimeOffset? End, Dictionary<string, string>? Matchers, string? Reason);

/// <summary><c>/api/v1/maintenance</c>: windows that mark matching alerts suppressed while active.</summary>
internal static class MaintenanceApi
{
    public static void MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/maintenance").WithTags("maintenance");
        group.MapGet("/", (MaintenanceBook book) => TypedResults.Ok(book.Windows)).RequireViewer().WithSummary("Maintenance windows.");
        group.MapPost("/", Create).RequireOperator().Accepts<MaintenanceRequest>("application/json").ProducesValidationProblem().WithSummary("Add a window.");
        group.MapDelete("/{id}", async (string id, MaintenanceBook book, ControlPlaneStore store) =>
        {
            if (book.Windows.All(w => w.Id != id))
            {
                return TypedResults.Problem($"no maintenance window '{id}'", statusCode: 404);
            }
            await store.DeleteMaintenanceAsync(id).ConfigureAwait(false);
            book.Set(await store.ListMaintenanceAsync().ConfigureAwait(false));
            return Results.NoContent();
        }).RequireOperator().WithSummary("Remove a window.");
    }

    private static async Task<IResult> Create(HttpRequest request, MaintenanceBook book, ControlPlaneStore store, Twin.Twin twin)
    {
        var (body, problem) = await ApiBodies.ReadAsync<MaintenanceRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Start is not { } start)
        {
            return ApiBodies.Invalid("start", "is required");
        }

        if (body.End is not { } end)
        {
            return ApiBodies.Invalid("end", "is required");
        }

        if (end <= start)
        {
            return ApiBodies.Invalid("end", "must be after start");
        }

        if (MatcherError(body.Matchers, twin.Scenario) is { } error)
        {
            return ApiBodies.Invalid(error.Field, error.Message);
        }

        var record = new MaintenanceRecord("m-" + Guid.NewGuid().ToString("N")[..12], start, end, body.Matchers ?? [], body.Reason);
        await store.SaveMaintenanceAsync(record).ConfigureAwait(false);
        book.Set(await store.ListMaintenanceAsync().ConfigureAwait(false));
        return TypedResults.Created($"/api/v1/maintenance/{record.Id}", record);
    }

    // A window whose link or node matcher names nothing in the network would suppress nothing, silently: refuse it.
    private static (string Field, string Message)? MatcherError(Dictionary<string, string>? matchers, Scenario scenario)
    {
        foreach (var (label, value) in matchers ?? [])
        {
            var field = "matchers." + label;
            if (string.IsNullOrWhiteSpace(label))
            {
                return ("matchers", "a label name must not be empty");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return (field, "a label value must not be empty");
            }

            if (label == "link" && scenario.FindLink(value) is null)
            {
                return (field, $"'{Clip(value)}' is not a link of the network");
            }

            if (label == "node" && scenario.FindNode(value) is null)
            {
                return (field, $"'{Clip(value)}' is not a node of the network");
            }
        }
        return null;
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
