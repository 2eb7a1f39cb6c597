using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.ConfigChanges;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/api/v1/config-changes</c>: safe configuration changes, canary first, promoted or rolled back by their SLIs (docs/config-changes.md).</summary>
internal static class ConfigChangesApi
{
    public static void MapConfigChangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/config-changes").WithTags("config-changes");
        group.MapGet("/", (Twin.Twin twin) => TypedResults.Ok(twin.ConfigChanges.All.Reverse().ToArray())).RequireViewer()
            .Produces<ConfigChangeView[]>().WithSummary("Every configuration change since start (and those stored before), newest first.");
        group.MapGet("/{id}", Get).RequireViewer().Produces<ConfigChangeView>().WithSummary("One configuration change with its steps and compared figures.");
        group.MapPost("/", Start).RequireOperator().Accepts<ConfigChangeRequest>("application/json").Produces<ConfigChangeView>(201).ProducesValidationProblem()
            .WithSummary("Change a link field (or a QKD link's post-processing version): canary first, then promoted or rolled back by its SLIs.");
        group.MapPost("/{id}/abort", Abort).RequireOperator().Produces<ConfigChangeView>()
            .WithSummary("Abort a running change; the canary is set back if it took the change.");
    }

    private static IResult Get(string id, Twin.Twin twin) => twin.ConfigChanges.All.FirstOrDefault(c => c.Id == id) is { } change
        ? TypedResults.Ok(change)
        : NotFound(id);

    private static async Task<IResult> Start(HttpRequest request, TwinCommandQueue commands, TimeProvider time)
    {
        var (body, problem) = await ApiBodies.ReadAsync<ConfigChangeRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var at = time.GetUtcNow();
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.ConfigChanges.Start(body!, at)), r =>
        {
            if (r.Change is null)
            {
                return r.Conflict ? TypedResults.Problem(r.Error, statusCode: 409, title: "Another configuration change is running") : ApiBodies.Invalid(r.Field!, r.Error!);
            }
            return TypedResults.Created($"/api/v1/config-changes/{r.Change.Id}", r.Change);
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> Abort(string id, TwinCommandQueue commands) =>
        await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.ConfigChanges.Abort(id)), r => r switch
        {
            { Change: null } => NotFound(id),
            { Error: { } error } => TypedResults.Problem(error, statusCode: 409, title: "The configuration change has ended"),
            _ => TypedResults.Ok(r.Change),
        }).ConfigureAwait(false);

    private static IResult NotFound(string id) => TypedResults.Problem($"no configuration change '{id}'", statusCode: 404);
}
