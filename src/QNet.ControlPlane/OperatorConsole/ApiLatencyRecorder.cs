using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// Durations and outcomes of control API requests (<c>/api/</c>, the live event stream excepted: it lasts as long as
/// its reader), gathered per history interval for the console's p95/p99 and error series. Holds at most
/// <see cref="MaxDurations"/> durations per interval (8 B each, 32 KB); beyond that requests are counted but their
/// durations are not kept, so the percentiles describe the interval's first requests. Thread-safe.
/// </summary>
internal sealed class ApiLatencyRecorder
{
    /// <summary>Durations kept per interval.</summary>
    public const int MaxDurations = 4096;

    private readonly Lock _gate = new();
    private List<double> _durations = new(256);
    private long _requests;
    private long _errors;

    /// <summary>One interval's figures.</summary>
    /// <param name="Requests">Requests answered.</param>
    /// <param name="Errors">Requests answered 5xx.</param>
    /// <param name="P95Seconds">95th percentile duration in seconds (null without requests).</param>
    /// <param name="P99Seconds">99th percentile duration in seconds (null without requests).</param>
    public sealed record Interval(long Requests, long Errors, double? P95Seconds, double? P99Seconds);

    /// <summary>The middleware: times the rest of the pipeline for API requests.</summary>
    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/v1/events", StringComparison.Ordinal) && !path.StartsWithSegments("/api/v1/events/history"))
        {
            await next().ConfigureAwait(false);
            return;
        }
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            Record(Stopwatch.GetElapsedTime(start).TotalSeconds, http.Response.StatusCode >= 500 || http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted);
        }
    }

    /// <summary>Records one request.</summary>
    public void Record(double seconds, bool error)
    {
        lock (_gate)
        {
            _requests++;
            if (error)
            {
                _errors++;
            }
            if (_durations.Count < MaxDurations)
            {
                _durations.Add(seconds);
            }
        }
    }

    /// <summary>The figures since the last call, and starts a new interval.</summary>
    public Interval Take()
    {
        List<double> durations;
        long requests, errors;
        lock (_gate)
        {
            durations = _durations;
            requests = _requests;
            errors = _errors;
            _durations = new List<double>(Math.Max(256, durations.Count));
            _requests = 0;
            _errors = 0;
        }
        if (durations.Count == 0)
        {
            return new Interval(requests, errors, null, null);
        }
        durations.Sort();
        return new Interval(requests, errors, Percentile(durations, 0.95), Percentile(durations, 0.99));
    }

    // Nearest-rank percentile of sorted values.
    private static double Percentile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
