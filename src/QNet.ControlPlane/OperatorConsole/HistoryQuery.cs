using System.Globalization;
using QNet.Sre;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// A parsed <c>GET /api/v1/history</c> query: a metric the history records, label matchers (<c>name=value</c>, comma
/// separated; every one must match) and a start (<c>since</c>: a duration back from the twin's now such as
/// <c>90s</c>, <c>15m</c>, <c>1h</c>, or an ISO 8601 time; default one hour back).
/// </summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Labels">Label matchers.</param>
/// <param name="SinceUnixMs">Earliest sample time, Unix milliseconds of the twin clock.</param>
internal sealed record HistoryQuery(string Metric, IReadOnlyDictionary<string, string> Labels, long SinceUnixMs)
{
    /// <summary>Every metric the console history records (the <see cref="MetricCatalogue"/> names of docs/console.md#history).</summary>
    public static readonly IReadOnlyList<string> Metrics =
    [
        MetricCatalogue.LinkUp, MetricCatalogue.LinkTransmittanceRatio, MetricCatalogue.CalibrationDriftRatio, MetricCatalogue.LinkPairsGenerated,
        MetricCatalogue.LinkPairFidelity, MetricCatalogue.DetectorClicks, MetricCatalogue.DetectorDarkCountFloorHertz, MetricCatalogue.SwapAttempts,
        MetricCatalogue.SwapSuccesses, MetricCatalogue.SessionPairsDelivered, MetricCatalogue.HttpServerRequestDurationSeconds,
        MetricCatalogue.KmsStoredKeys, MetricCatalogue.KmsRequests, MetricCatalogue.KmsKeyMismatches,
    ];

    /// <summary>The default look-back.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    /// <summary>Parses the query parameters; on failure returns null with the offending field and a message.</summary>
    public static HistoryQuery? Parse(string? metric, string? labels, string? since, DateTimeOffset now, out (string Field, string Message) error)
    {
        error = default;
        if (string.IsNullOrWhiteSpace(metric))
        {
            error = ("metric", $"is required; one of {string.Join(", ", Metrics)}");
            return null;
        }
        if (!Metrics.Contains(metric, StringComparer.Ordinal))
        {
            error = ("metric", $"'{Clip(metric)}' is not kept in the console history; one of {string.Join(", ", Metrics)}");
            return null;
        }
        var matchers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (labels ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == part.Length - 1)
            {
                error = ("labels", $"'{Clip(part)}' is not name=value (e.g. labels=link=alice-r1)");
                return null;
            }
            if (!matchers.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim()))
            {
                error = ("labels", $"the label '{Clip(part[..eq])}' is given twice");
                return null;
            }
        }
        long sinceMs = (now - DefaultWindow).ToUnixTimeMilliseconds();
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (ParseDuration(since.Trim()) is { } back)
            {
                sinceMs = (now - back).ToUnixTimeMilliseconds();
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                sinceMs = at.ToUnixTimeMilliseconds();
            }
            else
            {
                error = ("since", $"'{Clip(since)}' is neither a duration back from now (90s, 15m, 1h) nor an ISO 8601 time");
                return null;
            }
        }
        return new HistoryQuery(metric, matchers, sinceMs);
    }

    // "90s", "15m", "1h": a positive whole number and a unit, at most a day.
    private static TimeSpan? ParseDuration(string text)
    {
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 86_400)
        {
            return null;
        }
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => null,
        };
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
