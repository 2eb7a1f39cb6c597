using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.Apis;

/// <summary>Health of the service, as the API shows it.</summary>
/// <param name="Status">healthy, or degraded when the twin lags its wall-clock target by more than 5 s of wall time.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="SimulatedSeconds">Twin time since start.</param>
/// <param name="TimeFactor">Simulated seconds per wall second.</param>
/// <param name="LagSeconds">Simulated seconds behind target.</param>
/// <param name="DroppedStoreWrites">Store writes dropped because the store fell behind.</param>
/// <param name="Role">This replica's role: standalone, leader or follower (a follower runs no twin: its twin figures are 0).</param>
/// <param name="ReplicaId">This replica's id.</param>
public sealed record HealthView(string Status, string Scenario, double SimulatedSeconds, double TimeFactor, double LagSeconds, long DroppedStoreWrites,
    string Role = "standalone", string ReplicaId = "");

/// <summary><c>/alive</c> (the process answers) and <c>/health</c> (the twin keeps up); neither needs a token.</summary>
internal static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alive", () => TypedResults.Text("alive")).WithTags("health").WithSummary("Liveness: 200 while the process serves.");
        app.MapGet("/health", (Twin.Twin twin, Storage.StoreWriter writer, HighAvailability.ILeadership leadership) =>
        {
            var s = twin.Snapshot;
            bool degraded = s.LagSeconds > 5 * s.TimeFactor;
            var view = new HealthView(degraded ? "degraded" : "healthy", s.Scenario, s.SimulatedSeconds, s.TimeFactor, s.LagSeconds, writer.Dropped,
                HighAvailability.ReplicaRoleNames.Of(leadership.Role), leadership.ReplicaId);
            return TypedResults.Json(view, statusCode: degraded ? 503 : 200);
        }).WithTags("health").WithSummary("Readiness: 200 healthy, 503 degraded (twin lagging).");
    }
}
