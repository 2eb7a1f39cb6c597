using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Slo;

namespace QNet.ControlPlane.Apis;

/// <summary>An SLO's budget summary: the worst group.</summary>
/// <param name="Slo">SLO name.</param>
/// <param name="Groups">Groups evaluated.</param>
/// <param name="WorstBudgetRemaining">Lowest remaining budget over its groups (1 = untouched, below 0 = overspent); null without data.</param>
/// <param name="WorstGroup">The group with that budget.</param>
public sealed record BudgetView(string Slo, int Groups, double? WorstBudgetRemaining, IReadOnlyDictionary<string, string>? WorstGroup);

/// <summary><c>/api/v1/slo</c>: the SLOs in force, their status per group, error budgets, and alerts from the in-process evaluator.</summary>
internal static class SloApi
{
    public static void MapSloApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("slo").RequireViewer();
        group.MapGet("/slo", (SloMonitor slo) => TypedResults.Ok(slo.Specs.Slos.Select(s => s.Name).ToArray())).WithSummary("Names of the SLOs in force.");
        group.MapGet("/slo/status", (SloMonitor slo) => TypedResults.Ok(slo.Status)).WithSummary("SLI and budget of every SLO and group, in the twin's time.");
        group.MapGet("/slo/budgets", (SloMonitor slo) => TypedResults.Ok(slo.Specs.Slos.Select(s =>
        {
            var mine = slo.Status.Where(x => x.Slo == s.Name && double.IsFinite(x.BudgetRemaining)).ToArray();
            var worst = mine.MinBy(x => x.BudgetRemaining);
            return new BudgetView(s.Name, mine.Length, worst?.BudgetRemaining, worst?.Group);
        }).ToArray())).WithSummary("Error budget remaining per SLO (worst group).");
        group.MapGet("/alerts", (SloMonitor slo, string? status) => TypedResults.Ok(slo.Alerts.Where(a => status is null || a.Status == status).ToArray()))
            .WithSummary("Alerts (pending, firing, resolved); ?status=firing filters.");
    }
}
