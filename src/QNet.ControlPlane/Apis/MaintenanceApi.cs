using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;

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

    private static async Task<IResult> Create(HttpRequest request, MaintenanceBook book, ControlPlaneStore store)
    {
        var (body, problem) = await ApiBodies.ReadAsync<MaintenanceRequest>(request).ConfigureAwait(false);
        if (problem is not null) return problem;
        if (body!.Start is not { } start) return ApiBodies.Invalid("start", "is required");
        if (body.End is not { } end) return ApiBodies.Invalid("end", "is required");
        if (end <= start) return ApiBodies.Invalid("end", "must be after start");
        var record = new MaintenanceRecord("m-" + Guid.NewGuid().ToString("N")[..12], start, end, body.Matchers ?? [], body.Reason);
        await store.SaveMaintenanceAsync(record).ConfigureAwait(false);
        book.Set(await store.ListMaintenanceAsync().ConfigureAwait(false));
        return TypedResults.Created($"/api/v1/maintenance/{record.Id}", record);
    }
}
