using System.Globalization;
using Microsoft.AspNetCore.Http;
using QNet.ControlPlane.Events;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// The filters of <c>/api/v1/events</c> and <c>/api/v1/events/history</c>: <c>?session=</c>, <c>?traceId=</c> (32
/// lower-case hex digits, W3C), <c>?since=</c> (inclusive) and <c>?until=</c> (exclusive), both RFC 3339 twin times.
/// </summary>
internal sealed record EventQuery(string? Session, string? TraceId, DateTimeOffset? Since, DateTimeOffset? Until)
{
    /// <summary>Parses the query values, or returns the problem details naming the bad parameter.</summary>
    public static (EventQuery? Query, IResult? Problem) Parse(string? session, string? traceId, string? since, string? until)
    {
        if (traceId is not null && (traceId.Length != 32 || !traceId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')))
        {
            return (null, ApiBodies.Invalid("traceId", "must be a W3C trace id: 32 lower-case hex digits"));
        }
        if (!TryTime(since, out var from))
        {
            return (null, ApiBodies.Invalid("since", "must be an RFC 3339 time, e.g. 2026-01-01T12:00:00Z"));
        }
        if (!TryTime(until, out var to))
        {
            return (null, ApiBodies.Invalid("until", "must be an RFC 3339 time, e.g. 2026-01-01T12:00:00Z"));
        }
        if (from is { } f && to is { } t && t <= f)
        {
            return (null, ApiBodies.Invalid("until", "must be after since"));
        }
        return (new EventQuery(session, traceId, from, to), null);
    }

    /// <summary>True when <paramref name="e"/>, at twin time <paramref name="at"/>, passes every filter.</summary>
    public bool Matches(TwinEvent e, DateTimeOffset at) =>
        (Session is null || e.SessionId == Session)
        && (TraceId is null || e.TraceId == TraceId || (e.TraceIds?.Contains(TraceId) ?? false))
        && (Since is null || at >= Since)
        && (Until is null || at < Until);

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }
        // RFC 3339 needs a date, a time and an offset (or Z).
        if (text.Length < 20 || !text.Contains('T', StringComparison.OrdinalIgnoreCase)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }
        value = parsed;
        return true;
    }
}
