using QNet.Network.Mitigation;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Mitigation;

/// <summary>One rule on the wire (API, store, scenario file).</summary>
/// <param name="Action">reroute, raise-purification, shorten-cutoff, shed-load, resync-sources, run-calibration, pause-qkd or rollback-qkd-config.</param>
/// <param name="Signal">link-fidelity, link-rate-ratio, swap-success, coherence-ratio, session-target-miss, command-queue-depth, calibration-drift, qber or key-verification-failures.</param>
/// <param name="Threshold">Where the signal turns bad.</param>
/// <param name="Release">Where the rule re-arms (hysteresis); default the threshold.</param>
/// <param name="Cooldown">Least simulated seconds between two actions on one target; default 60.</param>
/// <param name="Enabled">Default true.</param>
public sealed record MitigationRuleWire(string? Action, string? Signal, double? Threshold, double? Release = null, double? Cooldown = null, bool? Enabled = null);

/// <summary>The policy on the wire: <c>GET</c> returns it whole; <c>PUT</c> changes the fields it names (rules, when given, replace the list).</summary>
/// <param name="Enabled">Global off switch.</param>
/// <param name="EvaluateEvery">Simulated seconds between evaluations.</param>
/// <param name="MinSamples">Pairs or swaps a windowed signal needs before it is read.</param>
/// <param name="ShedBelowPriority">Requests below this priority are shed under backlog.</param>
/// <param name="RetryAfter">Retry-After of a shed request, in seconds.</param>
/// <param name="Rules">The rules.</param>
public sealed record MitigationPolicyWire(bool? Enabled = null, double? EvaluateEvery = null, int? MinSamples = null, int? ShedBelowPriority = null,
    int? RetryAfter = null, IReadOnlyList<MitigationRuleWire>? Rules = null)
{
    /// <summary>The wire form of <paramref name="policy"/>.</summary>
    internal static MitigationPolicyWire Of(MitigationPolicy policy) => new(policy.Enabled, policy.EvaluateEverySeconds, policy.MinSamples,
        policy.ShedBelowPriority, policy.RetryAfterSeconds,
        policy.Rules.Select(r => new MitigationRuleWire(MitigationNames.Of(r.Action), MitigationNames.Of(r.Signal), r.Threshold, r.Release, r.CooldownSeconds, r.Enabled)).ToArray());

    /// <summary>
    /// <paramref name="current"/> changed by the fields this wire form names; or the field (<c>rules[2].threshold</c>)
    /// and what is wrong with it.
    /// </summary>
    internal (MitigationPolicy? Policy, string? Field, string? Error) Over(MitigationPolicy current)
    {
        var rules = current.Rules;
        if (Rules is not null)
        {
            var list = new List<MitigationRule>();
            for (int i = 0; i < Rules.Count; i++)
            {
                var (rule, field, error) = Parse(Rules[i]);
                if (rule is null)
                {
                    return (null, $"rules[{i}].{field}", error);
                }
                list.Add(rule);
            }
            rules = list;
        }
        try
        {
            return (new MitigationPolicy(Enabled ?? current.Enabled, EvaluateEvery ?? current.EvaluateEverySeconds, MinSamples ?? current.MinSamples,
                ShedBelowPriority ?? current.ShedBelowPriority, RetryAfter ?? current.RetryAfterSeconds, rules), null, null);
        }
        catch (ArgumentException e)
        {
            return (null, e.ParamName ?? "body", UserMessage.Of(e));
        }
    }

    private static (MitigationRule? Rule, string? Field, string? Error) Parse(MitigationRuleWire? w)
    {
        if (w is null)
        {
            return (null, "action", "a rule must be an object");
        }
        if (!MitigationNames.TryAction(w.Action, out var action))
        {
            return (null, "action", $"must be one of {MitigationNames.ActionList}");
        }
        if (!MitigationNames.TrySignal(w.Signal, out var signal))
        {
            return (null, "signal", $"must be one of {MitigationNames.SignalList}");
        }
        if (w.Threshold is not { } threshold)
        {
            return (null, "threshold", "is required");
        }
        try
        {
            return (new MitigationRule(action, signal, threshold, w.Release ?? threshold, w.Cooldown ?? 60, w.Enabled ?? true), null, null);
        }
        catch (ArgumentException e)
        {
            return (null, e.ParamName ?? "rule", UserMessage.Of(e));
        }
    }
}
