using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.HighAvailability;

/// <summary>What <c>/ready</c> answers: whether this replica can serve its role now.</summary>
/// <param name="Ready">True with 200, false with 503.</param>
/// <param name="Role">standalone, leader or follower.</param>
/// <param name="ReplicaId">This replica.</param>
/// <param name="Leader">The leader's advertised API URL, when one is known.</param>
/// <param name="Reason">Why not ready, or null.</param>
public sealed record ReadinessView(bool Ready, string Role, string ReplicaId, string? Leader, string? Reason);

/// <summary>
/// <c>/ready</c> (no token): 200 when the replica can serve its role, 503 otherwise. A leader (or a standalone
/// replica) is ready once its twin has been restored and runs and while it holds the lease; a follower while it
/// reaches the shared store (it serves ETSI keys from it and forwards the API to the leader).
/// </summary>
internal static class ReadinessApi
{
    public static void MapReadinessApi(this IEndpointRouteBuilder app, Func<bool> twinRunning)
    {
        app.MapGet("/ready", (ILeadership leadership) =>
        {
            string? reason = leadership.Role switch
            {
                ReplicaRole.Follower when leadership is PostgresLeaderElection { StoreReachable: false } => "the shared store is unreachable",
                ReplicaRole.Follower => null,
                _ when !leadership.IsLeader => "lost the lease",
                _ when !twinRunning() => "the twin is not running yet",
                _ => null,
            };
            var view = new ReadinessView(reason is null, ReplicaRoleNames.Of(leadership.Role), leadership.ReplicaId, leadership.LeaderUrl?.ToString(), reason);
            return TypedResults.Json(view, statusCode: reason is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithTags("health").WithSummary("Readiness: 200 when this replica can serve its role (leader: twin running; follower: store reachable), 503 otherwise.");
    }
}
