using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// <c>GET /api/v1/events</c>: server-sent events of heralds, swaps, deliveries, losses and session changes, each with
/// its session's trace id (heralds, swaps, deliveries and losses sampled to at most
/// <see cref="EventHub.MaxSampledPerSecond"/> per type per second; session changes all). <c>?session=ID</c>,
/// <c>?traceId=</c>, <c>?since=</c> and <c>?until=</c> filter (<see cref="EventQuery"/>); with <c>since</c> the stream
/// first replays the stored events from then on, and with <c>until</c> it ends once the twin passes that time.
/// <c>GET /api/v1/events/history</c>: stored session changes and mitigations, with the same filters.
/// </summary>
internal static class EventsApi
{
    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events").WithTags("events").RequireViewer();
        group.MapGet("/", Stream).Produces(200, contentType: "text/event-stream").WithSummary("Live event stream (text/event-stream).");
        group.MapGet("/history", async (Storage.ControlPlaneStore store, string? session, string? traceId, string? since, string? until, int? limit) =>
            {
                var (query, problem) = EventQuery.Parse(session, traceId, since, until);
                if (problem is not null)
                {
                    return problem;
                }

                return TypedResults.Ok((await store.ListEventsAsync(query!.Session, query.TraceId, query.Since, query.Until, Math.Clamp(limit ?? 100, 1, 1000)).ConfigureAwait(false))
                    .Select(e => JsonSerializer.Deserialize<TwinEvent>(e.Json, TwinPersistence.Json)).ToArray());
            })
            .WithSummary("Stored session changes and mitigations, newest first; ?session=, ?traceId=, ?since=, ?until= (RFC 3339) filter.");
    }

    private static async Task Stream(HttpContext http, EventHub hub, TwinClock clock, Storage.ControlPlaneStore store, string? session, string? traceId, string? since,
        string? until)
    {
        var (query, problem) = EventQuery.Parse(session, traceId, since, until);
        if (problem is not null)
        {
            await problem.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var subscription = hub.Subscribe();
        await http.Response.WriteAsync(": qnet event stream\n\n", http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        var reader = subscription.Reader;
        try
        {
            if (query!.Since is not null)
            {
                // Replay what is stored from then on (oldest first); events the live subscription also holds may appear twice.
                var stored = await store.ListEventsAsync(query.Session, query.TraceId, query.Since, query.Until, 1000, http.RequestAborted).ConfigureAwait(false);
                foreach (var record in Enumerable.Reverse(stored))
                {
                    if (JsonSerializer.Deserialize<TwinEvent>(record.Json, TwinPersistence.Json) is { } old)
                    {
                        await http.Response.WriteAsync($"event: {old.Type}\ndata: {record.Json}\n\n", http.RequestAborted).ConfigureAwait(false);
                    }
                }
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
            while (!http.RequestAborted.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(15));
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(heartbeat.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    if (query.Until is { } over && clock.GetUtcNow() >= over)
                    {
                        return;
                    }
                    await http.Response.WriteAsync(": keep-alive\n\n", http.RequestAborted).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                    continue;
                }
                if (!ready)
                {
                    break;
                }
                while (reader.TryRead(out var e))
                {
                    var at = clock.Epoch.AddTicks((long)(e.SimulatedSeconds * TimeSpan.TicksPerSecond));
                    if (query.Until is { } end && at >= end)
                    {
                        return;
                    }
                    if (!query.Matches(e, at))
                    {
                        continue;
                    }
                    await http.Response.WriteAsync($"event: {e.Type}\ndata: {JsonSerializer.Serialize(e, TwinPersistence.Json)}\n\n", http.RequestAborted).ConfigureAwait(false);
                }
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }
}
