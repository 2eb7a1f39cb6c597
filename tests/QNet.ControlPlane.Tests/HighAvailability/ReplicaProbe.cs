using System.Net;
using System.Text.Json;
using QNet.ControlPlane.Tests.Hosting;

namespace QNet.ControlPlane.Tests.HighAvailability;

/// <summary>What a replica's <c>/ready</c> and <c>/metrics</c> say about its role, read over HTTP as a probe would.</summary>
internal static class ReplicaProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The role /ready reports, with its status code; null when the replica does not answer.</summary>
    public static async Task<(HttpStatusCode Status, string Role, string ReplicaId)?> ReadyAsync(QnetUpProcess replica)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(replica.ApiUrl, "ready"));
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (response.StatusCode, body.GetProperty("role").GetString()!, body.GetProperty("replicaId").GetString()!);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not answering (stopped, swapping its app, or slow on a loaded machine): asked again at the next poll.
            return null;
        }
    }

    /// <summary>The value of an unlabelled-by-us series (e.g. <c>qnet_ha_leader</c>) in the replica's /metrics.</summary>
    public static async Task<double> MetricAsync(QnetUpProcess replica, string series)
    {
        var text = await Http.GetStringAsync(new Uri(replica.ApiUrl, "metrics"));
        var line = text.Split('\n').Single(l => l.StartsWith(series + "{", StringComparison.Ordinal) || l.StartsWith(series + " ", StringComparison.Ordinal));
        var value = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The sum of a series over its label sets that contain <paramref name="labelFilter"/> (e.g. <c>reason="failover"</c>); 0 when none is exposed.</summary>
    public static async Task<double> SumAsync(QnetUpProcess replica, string series, string labelFilter)
    {
        var text = await Http.GetStringAsync(new Uri(replica.ApiUrl, "metrics"));
        return text.Split('\n').Where(l => l.StartsWith(series + "{", StringComparison.Ordinal) && l.Contains(labelFilter, StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Polls until exactly one of <paramref name="replicas"/> reports leader (ready) and the rest follower (ready); returns the leader's index.</summary>
    public static async Task<int> OneLeaderAsync(IReadOnlyList<QnetUpProcess> replicas)
    {
        for (int attempt = 0; ; attempt++)
        {
            var states = await Task.WhenAll(replicas.Select(ReadyAsync));
            if (states.All(s => s is { Status: HttpStatusCode.OK }) && states.Count(s => s!.Value.Role == "leader") == 1 && states.Count(s => s!.Value.Role == "follower") == replicas.Count - 1)
            {
                return Array.FindIndex(states, s => s!.Value.Role == "leader");
            }
            if (attempt > 1200)
            {
                throw new InvalidOperationException("no single leader among the replicas: " + string.Join(", ", states.Select(s => s?.ToString() ?? "no answer")));
            }
            await Task.Delay(50);
        }
    }
}
