using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/faults</c>.</summary>
/// <param name="Kind">link-cut, attenuation-step or memory-t2-drop.</param>
/// <param name="Target">Link id (link-cut, attenuation-step) or node id (memory-t2-drop).</param>
/// <param name="Magnitude">Attenuation step in dB/km, or the factor T2 is multiplied by (0..1); ignored for a cut.</param>
public sealed record FaultRequest(string? Kind, string? Target, double? Magnitude);

/// <summary>A fault as the API shows it.</summary>
/// <param name="Id">Fault id.</param>
/// <param name="Kind">link-cut, attenuation-step or memory-t2-drop.</param>
/// <param name="Target">Link or node.</param>
/// <param name="Magnitude">dB/km step or T2 factor.</param>
/// <param name="Active">True until cleared.</param>
/// <param name="InjectedAt">When injected.</param>
/// <param name="ClearedAt">When cleared.</param>
public sealed record FaultView(string Id, string Kind, string Target, double Magnitude, bool Active, DateTimeOffset InjectedAt, DateTimeOffset? ClearedAt)
{
    internal static FaultView Of(Fault f) => new(f.Id, FaultKinds.Name(f.Kind), f.Target, f.Magnitude, f.Active, f.InjectedAt, f.ClearedAt);
}

/// <summary><c>/api/v1/faults</c>: inject, list, clear.</summary>
internal static class FaultsApi
{
    public static void MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/faults").WithTags("faults");
        group.MapGet("/", (Twin.Twin twin) => TypedResults.Ok(twin.Faults.Select(FaultView.Of).ToArray())).RequireViewer().WithSummary("Every fault, active or cleared.");
        group.MapPost("/", Inject).RequireOperator().Accepts<FaultRequest>("application/json").Produces<FaultView>(201).ProducesValidationProblem()
            .WithSummary("Inject a fault: link-cut, attenuation-step (magnitude dB/km) or memory-t2-drop (magnitude = T2 factor).");
        group.MapDelete("/{id}", Clear).RequireOperator().WithSummary("Clear an active fault; the network returns to its state without it.");
    }

    private static async Task<IResult> Inject(HttpRequest request, TwinCommandQueue commands, StoreWriter writer, TimeProvider time)
    {
        var (body, problem) = await ApiBodies.ReadAsync<FaultRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (!FaultKinds.TryParse(body!.Kind, out var kind))
        {
            return ApiBodies.Invalid("kind", "must be link-cut, attenuation-step or memory-t2-drop");
        }
        if (string.IsNullOrWhiteSpace(body.Target))
        {
            return ApiBodies.Invalid("target", "is required");
        }
        if (kind != FaultKind.LinkCut && body.Magnitude is null)
        {
            return ApiBodies.Invalid("magnitude", "is required for this kind");
        }
        var at = time.GetUtcNow();
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Inject(kind, body.Target, body.Magnitude ?? 0, at)), r =>
        {
            if (r.Fault is null)
            {
                return ApiBodies.Invalid(r.Field!, r.Error!);
            }
            var fault = r.Fault;
            writer.Enqueue((s, ct) => s.SaveFaultAsync(fault, ct));
            return TypedResults.Created($"/api/v1/faults/{fault.Id}", FaultView.Of(fault));
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> Clear(string id, TwinCommandQueue commands, StoreWriter writer, TimeProvider time)
    {
        var at = time.GetUtcNow();
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Clear(id, at)), fault =>
        {
            if (fault is null)
            {
                return TypedResults.Problem($"no active fault '{id}'", statusCode: 404);
            }
            writer.Enqueue((s, ct) => s.SaveFaultAsync(fault, ct));
            return TypedResults.Ok(FaultView.Of(fault));
        }).ConfigureAwait(false);
    }
}
