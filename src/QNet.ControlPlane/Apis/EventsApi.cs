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
/// <see cref="EventHub.MaxSampledPerSecond"/> per type per second; session changes all). <c>?session=ID</c> filters.
/// <c>GET /api/v1/events/history</c>: stored session changes.
/// </summary>
internal static class EventsApi
{
    public static void MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/events").WithTags("events").RequireViewer();
        group.MapGet("/", Stream).Produces(200, contentType: "text/event-stream").WithSummary("Live event stream (text/event-stream).");
        group.MapGet("/history", async (Storage.ControlPlaneStore store, string? session, int? limit) =>
            TypedResults.Ok((await store.ListEventsAsync(session, Math.Clamp(limit ?? 100, 1, 1000)).ConfigureAwait(false))
                .Select(e => JsonSerializer.Deserialize<TwinEvent>(e.Json, TwinPersistence.Json)).ToArray()))
            .WithSummary("Stored session changes, newest first.");
    }

    private static async Task Stream(HttpContext http, EventHub hub, TimeProvider time, string? session)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var subscription = hub.Subscribe();
        await http.Response.WriteAsync(": qnet event stream\n\n", http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        var reader = subscription.Reader;
        try
        {
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
                    if (session is not null && e.SessionId != session)
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
