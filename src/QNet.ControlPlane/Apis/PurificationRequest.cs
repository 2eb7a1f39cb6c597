using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// The <c>purification</c> object of <c>POST /api/v1/sessions</c>: the same fields, spellings and ranges as a scenario
/// file's <c>purification</c> block (<see cref="SessionRequestRules"/>).
/// </summary>
/// <param name="Scheme">bbpssw or dejmps (required).</param>
/// <param name="Rounds">Maximum rounds, 1..64 (default 1).</param>
/// <param name="Mode">recurrence (default) or pumping.</param>
/// <param name="Scope">end-to-end (default) or link.</param>
/// <param name="TargetFidelity">Stop purifying once a pair reaches this fidelity (0..1); absent: always run every round.</param>
public sealed record PurificationRequest(string? Scheme, long? Rounds = null, string? Mode = null, string? Scope = null, double? TargetFidelity = null)
{
    /// <summary>Adds each problem to <paramref name="errors"/>, the field spelt as on the wire under <paramref name="prefix"/>.</summary>
    internal void Validate(string prefix, Dictionary<string, string[]> errors)
    {
        void Check(string field, string? problem)
        {
            if (problem is not null)
            {
                errors[$"{prefix}.{field}"] = [problem];
            }
        }
        Check("scheme", Scheme is null ? "is required" : SessionRequestRules.PurificationSchemeProblem(Scheme));
        if (Rounds is { } r)
        {
            Check("rounds", SessionRequestRules.PurificationRoundsProblem(r));
        }
        if (Mode is not null)
        {
            Check("mode", SessionRequestRules.PurificationModeProblem(Mode));
        }
        if (Scope is not null)
        {
            Check("scope", SessionRequestRules.PurificationScopeProblem(Scope));
        }
        if (TargetFidelity is { } f)
        {
            Check("targetFidelity", SessionRequestRules.PurificationTargetFidelity.Problem(f));
        }
    }

    /// <summary>The network's policy (call after <see cref="Validate"/> found nothing).</summary>
    internal PurificationSpec ToSpec()
    {
        ScenarioNames.TryPurificationScheme(Scheme!, out var scheme);
        var mode = PurificationMode.Recurrence;
        var scope = PurificationScope.EndToEnd;
        if (Mode is not null)
        {
            ScenarioNames.TryPurificationMode(Mode, out mode);
        }
        if (Scope is not null)
        {
            ScenarioNames.TryPurificationScope(Scope, out scope);
        }
        return new PurificationSpec(scheme, (int)(Rounds ?? 1), mode, scope, TargetFidelity);
    }

    /// <summary>The request that reproduces <paramref name="spec"/>.</summary>
    internal static PurificationRequest From(PurificationSpec spec) =>
        new(ScenarioNames.Of(spec.Scheme), spec.Rounds, ScenarioNames.Of(spec.Mode), ScenarioNames.Of(spec.Scope), spec.TargetFidelity);
}
