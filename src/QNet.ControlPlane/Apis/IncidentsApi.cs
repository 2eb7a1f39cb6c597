using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Incidents;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// <c>/api/v1/incidents</c>: the incident record (alerts grouped by link or region, with a lifecycle and a timeline).
/// Listing and reading need a viewer token; acknowledging and resolving an operator token (an illegal transition is a
/// 409). <c>/{id}/postmortem</c> renders the postmortem draft in Markdown.
/// </summary>
internal static class IncidentsApi
{
    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("incidents");
        group.MapGet("/", List).RequireViewer().Produces<IncidentView[]>().ProducesValidationProblem()
            .WithSummary("Incidents, newest first, without timelines; ?state=open|acknowledged|mitigated|resolved filters.");
        group.MapGet("/{id}", GetAsync).RequireViewer().Produces<IncidentView>().ProducesProblem(404).WithSummary("One incident with its timeline.");
        group.MapPost("/{id}/acknowledge", AcknowledgeAsync).RequireOperator().Produces<IncidentView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Acknowledge an incident (once, before it is resolved).");
        group.MapPost("/{id}/resolve", ResolveAsync).RequireOperator().Produces<IncidentView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Resolve an incident by hand.");
        group.MapGet("/{id}/postmortem", PostmortemAsync).RequireViewer().Produces<string>(200, "text/markdown").ProducesProblem(404)
            .WithSummary("The incident's postmortem draft (Markdown).");
    }

    private static IResult List(IncidentBook book, string? state)
    {
        IncidentState? filter = null;
        if (state is not null)
        {
            if (!IncidentNames.TryParse(state, out IncidentState parsed))
            {
                return ApiBodies.Invalid("state", $"must be one of {string.Join(", ", IncidentNames.StateNames)}");
            }
            filter = parsed;
        }
        return TypedResults.Ok(book.List(filter));
    }

    private static async Task<IResult> GetAsync(string id, IncidentBook book, ControlPlaneStore store, CancellationToken ct) =>
        await FindAsync(id, book, store, ct).ConfigureAwait(false) is { } incident ? TypedResults.Ok(incident) : NotFound(id);

    private static Task<IResult> AcknowledgeAsync(string id, HttpContext http, IncidentBook book, ControlPlaneStore store, TwinClock clock) =>
        CommandAsync(id, http, store, (by) => book.Acknowledge(id, by, clock.GetUtcNow()));

    private static Task<IResult> ResolveAsync(string id, HttpContext http, IncidentBook book, ControlPlaneStore store, TwinClock clock) =>
        CommandAsync(id, http, store, (by) => book.Resolve(id, by, clock.GetUtcNow()));

    private static async Task<IResult> PostmortemAsync(string id, IncidentBook book, ControlPlaneStore store, TwinHistory history, SloMonitor slo, TwinClock clock,
        CancellationToken ct)
    {
        if (await FindAsync(id, book, store, ct).ConfigureAwait(false) is not { } incident)
        {
            return NotFound(id);
        }
        var impact = IncidentImpact.Of(incident, history, slo.Status, clock.GetUtcNow());
        return TypedResults.Text(IncidentPostmortem.Render(incident, impact), "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> CommandAsync(string id, HttpContext http, ControlPlaneStore store, Func<string, IncidentCommandResult> command)
    {
        var by = await CallerAsync(http, store).ConfigureAwait(false);
        var result = command(by);
        if (result.Incident is null)
        {
            return NotFound(id);
        }
        return result.Conflict is { } conflict
            ? TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict, title: "Conflict")
            : TypedResults.Ok(result.Incident);
    }

    private static async Task<IncidentView?> FindAsync(string id, IncidentBook book, ControlPlaneStore store, CancellationToken ct) =>
        book.Get(id) ?? await store.GetIncidentAsync(id, ct).ConfigureAwait(false);

    // The name given to the caller's token at creation (the role filter has already checked it).
    private static async Task<string> CallerAsync(HttpContext http, ControlPlaneStore store)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var hash = TokenService.Hash(header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "");
        var tokens = await store.ListTokensAsync(http.RequestAborted).ConfigureAwait(false);
        return tokens.FirstOrDefault(t => t.Hash == hash)?.Name ?? "operator";
    }

    private static IResult NotFound(string id) => TypedResults.Problem($"no incident '{id}'", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
}
