using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QNet.ControlPlane.Apis;

/// <summary>Health of the service, as the API shows it.</summary>
/// <param name="Status">healthy, or degraded (503) when the twin lags its wall-clock target by more than 5 s of wall time or its clock has ended.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="SimulatedSeconds">Twin time since start.</param>
/// <param name="TimeFactor">Simulated seconds per wall second.</param>
/// <param name="LagSeconds">Simulated seconds behind target.</param>
/// <param name="DroppedStoreWrites">Store writes dropped because the store fell behind.</param>
/// <param name="Role">This replica's role: standalone, leader or follower (a follower runs no twin: its twin figures are 0).</param>
/// <param name="ReplicaId">This replica's id.</param>
/// <param name="Reason">Why degraded: lagging, or clock-ended (the twin's clock reached its end and the twin stopped: restart <c>qnet up</c>); null when healthy.</param>
/// <param name="ClockRemainingSeconds">Simulated seconds left before the twin's clock ends (null on a follower, which runs no twin).</param>
public sealed record HealthView(string Status, string Scenario, double SimulatedSeconds, double TimeFactor, double LagSeconds, long DroppedStoreWrites,
    string Role = "standalone", string ReplicaId = "", string? Reason = null, double? ClockRemainingSeconds = null);

/// <summary><c>/alive</c> (the process answers) and <c>/health</c> (the twin keeps up); neither needs a token.</summary>
internal static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alive", () => TypedResults.Text("alive")).WithTags("health").WithSummary("Liveness: 200 while the process serves.");
        app.MapGet("/health", (Twin.Twin twin, Storage.StoreWriter writer, HighAvailability.ILeadership leadership) =>
        {
            var s = twin.Snapshot;
            var health = Twin.TwinHealth.Of(s);
            var view = new HealthView(Twin.TwinHealthNames.Of(health.Status), s.Scenario, s.SimulatedSeconds, s.TimeFactor, s.LagSeconds, writer.Dropped,
                HighAvailability.ReplicaRoleNames.Of(leadership.Role), leadership.ReplicaId, Twin.TwinHealthNames.Of(health.Reason), s.ClockRemainingSeconds);
            return TypedResults.Json(view, statusCode: health.Status == Twin.TwinHealthStatus.Healthy ? 200 : 503);
        }).WithTags("health").WithSummary("Health of the twin: 200 healthy, 503 degraded (twin lagging, or its clock ended: reason says which).");
    }
}
