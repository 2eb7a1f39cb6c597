using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/faults</c>.</summary>
/// <param name="Kind">A fault kind's wire name (docs/scenarios.md#faults), e.g. link-cut, attenuation-step, memory-t2-drop.</param>
/// <param name="Target">Link or node id (<c>*</c>: every node, for control-delay).</param>
/// <param name="Magnitude">Strength in the kind's unit (dB/km, factor, Hz, ...); not taken by link-cut.</param>
/// <param name="Duration">Repair time in simulated seconds after which it clears itself; omitted: until cleared.</param>
public sealed record FaultRequest(string? Kind, string? Target, double? Magnitude, double? Duration = null);

/// <summary>A fault as the API shows it.</summary>
/// <param name="Id">Fault id.</param>
/// <param name="Kind">The kind's wire name.</param>
/// <param name="Target">Link or node.</param>
/// <param name="Magnitude">Strength in the kind's unit.</param>
/// <param name="Active">True until cleared.</param>
/// <param name="InjectedAt">When injected.</param>
/// <param name="ClearedAt">When cleared (through the API, or by itself after its duration).</param>
/// <param name="Duration">Repair time in simulated seconds, or null.</param>
public sealed record FaultView(string Id, string Kind, string Target, double Magnitude, bool Active, DateTimeOffset InjectedAt, DateTimeOffset? ClearedAt,
    double? Duration)
{
    internal static FaultView Of(Fault f) => new(f.Id, FaultKinds.Name(f.Kind), f.Target, f.Magnitude, f.Active, f.InjectedAt, f.ClearedAt, f.DurationSeconds);
}

/// <summary><c>/api/v1/faults</c>: inject, list, clear.</summary>
internal static class FaultsApi
{
    public static void MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/faults").WithTags("faults");
        group.MapGet("/", (Twin.Twin twin) => TypedResults.Ok(twin.Faults.Select(FaultView.Of).ToArray())).RequireViewer().WithSummary("Every fault, active or cleared.");
        group.MapPost("/", Inject).RequireOperator().Accepts<FaultRequest>("application/json").Produces<FaultView>(201).ProducesValidationProblem()
            .WithSummary("Inject a fault (F1-F8 kinds of docs/scenarios.md#faults) with kind, target, magnitude and optional duration (repair time, s).");
        group.MapDelete("/{id}", Clear).RequireOperator().WithSummary("Clear an active fault; the network returns to its state without it.");
    }

    // Both handlers stamp the fault with twin time, read on the simulation thread when the command runs: the fault's
    // times then line up with the events, metrics and incident timeline it causes, whatever the time factor.
    private static async Task<IResult> Inject(HttpRequest request, TwinCommandQueue commands, StoreWriter writer)
    {
        var (body, problem) = await ApiBodies.ReadAsync<FaultRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (!FaultKinds.TryParse(body!.Kind, out var kind))
        {
            return ApiBodies.Invalid("kind", body!.Kind is null ? "is required" : $"unknown fault kind '{body.Kind}'; must be {FaultKinds.Alternatives}");
        }
        if (string.IsNullOrWhiteSpace(body.Target))
        {
            return ApiBodies.Invalid("target", "is required");
        }
        if (FaultKinds.HasMagnitude(kind) && body.Magnitude is null)
        {
            return ApiBodies.Invalid("magnitude", $"is required for {body.Kind} ({FaultKinds.UnitOf(kind)})");
        }
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Inject(kind, body.Target, body.Magnitude ?? 0, body.Duration, t.Clock.GetUtcNow())), r =>
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

    private static async Task<IResult> Clear(string id, TwinCommandQueue commands, StoreWriter writer)
    {
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => t.Clear(id, t.Clock.GetUtcNow())), fault =>
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
