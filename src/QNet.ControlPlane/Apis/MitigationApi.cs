using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Mitigation;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Apis;

/// <summary><c>/api/v1/mitigation</c>: read and change the automated mitigation policy (docs/control-plane.md, "Mitigation").</summary>
internal static class MitigationApi
{
    public static void MapMitigationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/mitigation").WithTags("mitigation");
        group.MapGet("/", Get).RequireViewer().Produces<MitigationView>().WithSummary("The mitigation policy, what it holds in effect, and its recent actions.");
        group.MapPut("/", Put).RequireOperator().Accepts<MitigationPolicyWire>("application/json").Produces<MitigationView>().ProducesValidationProblem()
            .WithSummary("Change the policy: the fields given replace the current ones (rules replace the whole list); {\"enabled\": false} switches it off.");
    }

    private static async Task<IResult> Get(TwinCommandQueue commands) =>
        await ApiBodies.RunAsync(commands.TryEnqueue(control: true, View), v => v is null ? Off() : TypedResults.Ok(v)).ConfigureAwait(false);

    private static async Task<IResult> Put(HttpRequest request, TwinCommandQueue commands, StoreWriter writer, TimeProvider time)
    {
        var (body, problem) = await ApiBodies.ReadAsync<MitigationPolicyWire>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var at = time.GetUtcNow();
        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t =>
        {
            if (t.Mitigation is not { } engine)
            {
                return (View: (MitigationView?)null, Field: (string?)null, Error: (string?)null, Policy: (MitigationPolicy?)null);
            }
            var (policy, field, error) = body!.Over(engine.Policy);
            if (policy is null)
            {
                return (null, field, error, null);
            }
            engine.Replace(policy);
            return (View(t), null, null, policy);
        }), r =>
        {
            if (r.Field is not null)
            {
                return ApiBodies.Invalid(r.Field, r.Error!);
            }
            if (r.View is null)
            {
                return Off();
            }
            var json = JsonSerializer.Serialize(MitigationPolicyWire.Of(r.Policy!), TwinPersistence.Json);
            writer.Enqueue((s, ct) => s.SaveSettingAsync(ControlPlaneStore.MitigationSetting, json, at, ct));
            return TypedResults.Ok(r.View);
        }).ConfigureAwait(false);
    }

    private static MitigationView? View(Twin.Twin twin) => twin.Mitigation is { } engine
        ? new MitigationView(MitigationPolicyWire.Of(engine.Policy), twin.Scheduler.Avoided.Order(StringComparer.Ordinal).ToArray(), twin.Shedder.On, engine.Recent)
        : null;

    private static IResult Off() => TypedResults.Problem("the mitigation engine is not running in this control plane", statusCode: 404);
}
