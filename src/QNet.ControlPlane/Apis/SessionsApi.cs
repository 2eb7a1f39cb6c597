using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/api/v1/sessions</c>: create (admission decision with reason), list, get, cancel.</summary>
internal static class SessionsApi
{
    public static void MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions").WithTags("sessions");
        group.MapGet("/", List).RequireViewer().WithSummary("List sessions (newest last).");
        group.MapGet("/{id}", Get).RequireViewer().WithSummary("One session with its live counters and trace id.");
        group.MapPost("/", Create).RequireOperator().Accepts<SessionRequest>("application/json")
            .Produces<SessionView>(201).Produces<SessionView>(409).ProducesValidationProblem().ProducesProblem(503)
            .WithSummary("Request a session; 201 when admitted, 409 with the reason when refused.");
        group.MapDelete("/{id}", Cancel).RequireOperator().WithSummary("Cancel a running session.");
    }

    private static Ok<SessionView[]> List(Twin.Twin twin, int? limit)
    {
        double now = twin.Snapshot.SimulatedSeconds;
        var all = twin.Sessions.Values.OrderBy(s => s.Info.CreatedAt).ThenBy(s => s.Info.Spec.Id, StringComparer.Ordinal);
        var chosen = limit is > 0 ? all.TakeLast(limit.Value) : all;
        return TypedResults.Ok(chosen.Select(s => SessionView.Of(s, now)).ToArray());
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> Get(Twin.Twin twin, string id) =>
        twin.Sessions.TryGetValue(id, out var s) ? TypedResults.Ok(SessionView.Of(s, twin.Snapshot.SimulatedSeconds))
            : TypedResults.Problem($"no session '{id}'", statusCode: 404);

    private static async Task<IResult> Create(HttpRequest request, Twin.Twin twin, TwinCommandQueue commands, TimeProvider time)
    {
        var (body, problem) = await ApiBodies.ReadAsync<SessionRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var errors = body!.Validate(id => twin.Topology.Nodes.GetValueOrDefault(id));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The session request is not valid");
        }
        string id = body.Id ?? "s-" + Guid.NewGuid().ToString("N")[..12];
        var spec = body.ToSpec(id);
        var created = time.GetUtcNow();
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: false, t => t.Sessions.ContainsKey(id) ? null : t.Submit(spec, "api", created)), state =>
        {
            if (state is null)
            {
                return ApiBodies.Invalid("id", $"a session with id '{id}' already exists");
            }
            var view = SessionView.Of(state, twin.Simulator.Now.Seconds);
            return state.Outcome == "refused"
                ? TypedResults.Json(view, statusCode: 409)
                : TypedResults.Created($"/api/v1/sessions/{id}", view);
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> Cancel(Twin.Twin twin, TwinCommandQueue commands, string id)
    {
        if (!twin.Sessions.ContainsKey(id))
        {
            return TypedResults.Problem($"no session '{id}'", statusCode: 404);
        }
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Cancel(id) ? t.Sessions[id] : null), state => state is null
            ? TypedResults.Problem($"session '{id}' is not running", statusCode: 409)
            : TypedResults.Ok(SessionView.Of(state, twin.Simulator.Now.Seconds))).ConfigureAwait(false);
    }
}
