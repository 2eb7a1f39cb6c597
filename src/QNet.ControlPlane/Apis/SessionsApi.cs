using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/api/v1/sessions</c>: create (admission decision with reason), list, get, cancel.</summary>
internal static class SessionsApi
{
    public static void MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sessions").WithTags("sessions");
        group.MapGet("/", List).RequireViewer().Produces<SessionView[]>(200).WithSummary("List sessions (newest last).");
        group.MapGet("/{id}", Get).RequireViewer().Produces<SessionView>(200).ProducesProblem(404).WithSummary("One session with its live counters and trace id.");
        group.MapPost("/", Create).RequireOperator().Accepts<SessionRequest>("application/json")
            .Produces<SessionView>(201).Produces<SessionView>(409).ProducesValidationProblem().ProducesProblem(503)
            .WithSummary("Request a session; 201 when admitted, 409 with the reason when refused (sent once the decision is stored).");
        group.MapDelete("/{id}", Cancel).RequireOperator().WithSummary("Cancel a running session.");
    }

    // Lists what is in memory: pending and running sessions and the most recently ended ones (Twin.RetainedEndedSessions).
    private static IResult List(Twin.Twin twin, int? limit)
    {
        double now = twin.Snapshot.SimulatedSeconds;
        var all = twin.Sessions.Values.OrderBy(s => s.Info.CreatedAt).ThenBy(s => s.Info.Spec.Id, StringComparer.Ordinal);
        var chosen = limit is > 0 ? all.TakeLast(limit.Value) : all;
        return TypedResults.Json(chosen.Select(s => SessionView.Of(s, now)).ToArray(), SessionJson.Default.SessionViewArray);
    }

    // Ended sessions leave memory after the twin's retention; the store still answers for them.
    private static async Task<IResult> Get(Twin.Twin twin, ControlPlaneStore store, string id, CancellationToken cancellationToken)
    {
        if (twin.Sessions.TryGetValue(id, out var s))
        {
            return Json(SessionView.Of(s, twin.Snapshot.SimulatedSeconds), 200);
        }
        return await StoredAsync(store, id, cancellationToken).ConfigureAwait(false) is { } stored
            ? Json(SessionView.Of(stored, twin.Snapshot.SimulatedSeconds), 200)
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
        var spec = body.ToSpec(id);
        if (twin.Shedder.RetryAfter(spec.Priority) is { } retryAfter)
        {
            return new ApiBodies.RetryAfterResult(429, $"the control plane is shedding load: requests below priority {twin.Shedder.BelowPriority} are deferred; retry later", retryAfter);
        }
        var created = time.GetUtcNow();
        SessionState? state = null;
        Task<bool>? stored = null;
        for (int attempt = 0; state is null; attempt++)
        {
            // A client's own id may name a session that already left memory: the id filter knows every stored id,
            // and only an id it may hold costs a store lookup. Generated ids are new.
            long evictions = twin.Evictions;
            bool lookedUp = false;
            if (body.Id is not null && twin.Ids.MayContain(id) && !twin.Sessions.ContainsKey(id))
            {
                if (await store.GetSessionAsync(id, request.HttpContext.RequestAborted).ConfigureAwait(false) is not null)
                {
                    return Duplicate(id);
                }
                lookedUp = true;
            }
            // On the simulation thread: still unknown in memory, and either never stored or looked up with no session leaving memory since.
            var requestedBy = System.Diagnostics.Activity.Current?.Context;
            var queued = commands.TryEnqueue(control: false, t =>
                t.Sessions.ContainsKey(id) ? Admission.Duplicate
                : body.Id is not null && t.Ids.MayContain(id) && !(lookedUp && t.Evictions == evictions) ? Admission.LookUp
                : new Admission(t.Submit(spec, "api", created, requestedBy: requestedBy)));
            if (queued is null)
            {
                return ApiBodies.Busy();
            }
            var admission = await queued.ConfigureAwait(false);
            if (admission == Admission.Duplicate)
            {
                return Duplicate(id);
            }
            if (admission == Admission.LookUp && attempt >= 2)
            {
                return ApiBodies.Busy(); // sessions kept leaving memory during each lookup: try again shortly
            }
            (state, stored) = (admission.State, admission.State?.Stored);
        }
        var view = SessionView.Of(state, twin.Simulator.Now.Seconds);
        bool refused = state.Outcome == SessionOutcome.Refused;
        if (!await stored!.ConfigureAwait(false))
        {
            return new ApiBodies.RetryAfterResult(503, $"session '{id}' was {(refused ? "refused" : "admitted")} but could not be stored; it is not acknowledged", 1);
        }
        return refused ? Json(view, 409) : new CreatedResult($"/api/v1/sessions/{id}", view);
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
            : Json(SessionView.Of(state, twin.Simulator.Now.Seconds), 200)).ConfigureAwait(false);
    }

    // What the simulation thread decided about a new request: a duplicate, "look the id up in the store first", or submitted.
    private sealed class Admission(SessionState? state)
    {
        public static readonly Admission Duplicate = new(null);
        public static readonly Admission LookUp = new(null);

        public SessionState? State { get; } = state;
    }

    private static IResult Json(SessionView view, int status) => TypedResults.Json(view, SessionJson.Default.SessionView, statusCode: status);

    // 201 with a Location header, written with the source-generated metadata.
    private sealed class CreatedResult(string location, SessionView view) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return Json(view, 201).ExecuteAsync(httpContext);
        }
    }

    private static IResult Duplicate(string id) => ApiBodies.Invalid("id", $"a session with id '{id}' already exists");

    private static async Task<SessionState?> StoredAsync(ControlPlaneStore store, string id, CancellationToken cancellationToken) =>
        await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is { } record ? TwinPersistence.State(record) : null;
}
