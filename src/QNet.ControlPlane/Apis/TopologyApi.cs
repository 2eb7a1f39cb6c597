using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/api/v1/topology</c>, <c>/nodes</c>, <c>/links</c>, <c>/qkd</c>: the network with its live state (as of the last twin step).</summary>
internal static class TopologyApi
{
    public static void MapTopologyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("topology").RequireViewer();
        group.MapGet("/topology", (Twin.Twin twin) => TypedResults.Ok(twin.Snapshot)).WithSummary("Scenario, twin time, links, nodes and QKD links.");
        group.MapGet("/nodes", (Twin.Twin twin) => TypedResults.Ok(twin.Snapshot.Nodes)).WithSummary("Nodes with free memory and T2.");
        group.MapGet("/links", (Twin.Twin twin) => TypedResults.Ok(twin.Snapshot.Links)).WithSummary("Links with state, transmittance, pairs and drift.");
        group.MapGet("/links/{id}", (Twin.Twin twin, string id) => twin.Snapshot.Links.FirstOrDefault(l => l.Id == id) is { } link
            ? Results.Ok(link) : TypedResults.Problem($"no link '{id}'", statusCode: 404)).WithSummary("One link.");
        group.MapGet("/qkd", (Twin.Twin twin) => TypedResults.Ok(twin.Snapshot.Qkd)).WithSummary("QKD links and the key they produced.");
    }
}
