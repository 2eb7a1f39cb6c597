using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.OperatorConsole;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/v1/history</c>.</summary>
/// <param name="Metric">The metric asked for.</param>
/// <param name="ResolutionSeconds">Seconds of twin time between samples.</param>
/// <param name="Since">Earliest sample time asked for (Unix ms, twin clock).</param>
/// <param name="Now">The twin clock now (Unix ms).</param>
/// <param name="Series">Matching series, each with times (Unix ms) and values.</param>
public sealed record HistoryView(string Metric, double ResolutionSeconds, long Since, long Now, IReadOnlyList<SliSeries> Series);

/// <summary><c>GET /api/v1/history</c>: the console's compact recent history of the SLIs (<see cref="SliHistory"/>).</summary>
internal static class ConsoleHistoryApi
{
    public static void MapConsoleHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/history", (SliHistory history, TwinClock clock, string? metric, string? labels, string? since) =>
        {
            var now = clock.GetUtcNow();
            if (HistoryQuery.Parse(metric, labels, since, now, out var error) is not { } query)
            {
                return ApiBodies.Invalid(error.Field, error.Message);
            }
            return TypedResults.Ok(new HistoryView(query.Metric, SliHistory.Resolution.TotalSeconds, query.SinceUnixMs, now.ToUnixTimeMilliseconds(),
                history.Query(query.Metric, query.Labels, query.SinceUnixMs)));
        }).RequireViewer().WithTags("console").ProducesValidationProblem()
            .WithSummary("Recent SLI samples (5 s resolution, 75 min kept): ?metric=NAME&labels=link=alice-r1&since=1h.");
    }
}
