using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;
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
            .WithSummary("Request a session; 201 when admitted, 409 with the reason when refused (sent once the decision is stored).");
        group.MapDelete("/{id}", Cancel).RequireOperator().WithSummary("Cancel a running session.");
    }

    // Lists what is in memory: pending and running sessions and the most recently ended ones (Twin.RetainedEndedSessions).
    private static Ok<SessionView[]> List(Twin.Twin twin, int? limit)
    {
        double now = twin.Snapshot.SimulatedSeconds;
        var all = twin.Sessions.Values.OrderBy(s => s.Info.CreatedAt).ThenBy(s => s.Info.Spec.Id, StringComparer.Ordinal);
        var chosen = limit is > 0 ? all.TakeLast(limit.Value) : all;
        return TypedResults.Ok(chosen.Select(s => SessionView.Of(s, now)).ToArray());
    }

    // Ended sessions leave memory after the twin's retention; the store still answers for them.
    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> Get(Twin.Twin twin, ControlPlaneStore store, string id, CancellationToken cancellationToken)
    {
        if (twin.Sessions.TryGetValue(id, out var s))
        {
            return TypedResults.Ok(SessionView.Of(s, twin.Snapshot.SimulatedSeconds));
        }
        return await StoredAsync(store, id, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Ok(SessionView.Of(stored, twin.Snapshot.SimulatedSeconds))
            : TypedResults.Problem($"no session '{id}'", statusCode: 404);
    }

    // The answer is sent only once the decision is in the store (group commit with other requests), so an
    // acknowledged session survives a crash or power loss right after the response.
    private static async Task<IResult> Create(HttpRequest request, Twin.Twin twin, TwinCommandQueue commands, ControlPlaneStore store, TimeProvider time)
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
        // A client's own id may name a session that already left memory: the store knows it. (Generated ids are new.)
        if (body.Id is not null && !twin.Sessions.ContainsKey(id) && await store.GetSessionAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false) is not null)
        {
            return Duplicate(id);
        }
        var spec = body.ToSpec(id);
        var created = time.GetUtcNow();
        var queued = commands.TryEnqueue(control: false, t => t.Sessions.ContainsKey(id) ? null : t.Submit(spec, "api", created) is var s ? (s, s.Stored!) : default((SessionState, Task<bool>)?));
        if (queued is null)
        {
            return ApiBodies.Busy();
        }
        if (await queued.ConfigureAwait(false) is not var (state, stored))
        {
            return Duplicate(id);
        }
        var view = SessionView.Of(state, twin.Simulator.Now.Seconds);
        if (!await stored.ConfigureAwait(false))
        {
            return new ApiBodies.RetryAfterResult(503, $"session '{id}' was {(view.Outcome == "refused" ? "refused" : "admitted")} but could not be stored; it is not acknowledged", 1);
        }
        return view.Outcome == "refused"
            ? TypedResults.Json(view, statusCode: 409)
            : TypedResults.Created($"/api/v1/sessions/{id}", view);
    }

    private static async Task<IResult> Cancel(Twin.Twin twin, TwinCommandQueue commands, ControlPlaneStore store, string id, CancellationToken cancellationToken)
    {
        if (!twin.Sessions.ContainsKey(id))
        {
            return await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is null
                ? TypedResults.Problem($"no session '{id}'", statusCode: 404)
                : TypedResults.Problem($"session '{id}' is not running", statusCode: 409);
        }
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Cancel(id) ? t.Sessions[id] : null), state => state is null
            ? TypedResults.Problem($"session '{id}' is not running", statusCode: 409)
            : TypedResults.Ok(SessionView.Of(state, twin.Simulator.Now.Seconds))).ConfigureAwait(false);
    }

    private static IResult Duplicate(string id) => ApiBodies.Invalid("id", $"a session with id '{id}' already exists");

    private static async Task<SessionState?> StoredAsync(ControlPlaneStore store, string id, CancellationToken cancellationToken) =>
        await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is { } record ? TwinPersistence.State(record) : null;
}
