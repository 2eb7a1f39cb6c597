using QNet.Network.Mitigation;

namespace QNet.ControlPlane.GameDays;

/// <summary>What a <c>set-mitigation</c> action makes of a policy, the same offline and live.</summary>
internal static class MitigationChange
{
    /// <summary>
    /// The policy with the action's switch applied and, when it names a rule, that rule's threshold replaced; throws
    /// <see cref="ArgumentException"/> (naming the field) when the result is not a valid policy.
    /// </summary>
    public static MitigationPolicy Apply(MitigationPolicy policy, ActionSpec a)
    {
        var rules = a.Rule is { } r
            ? policy.Rules.Select(x => x.Action == r.Action && x.Signal == r.Signal
                ? new MitigationRule(x.Action, x.Signal, a.Threshold!.Value, x.Release, x.CooldownSeconds, x.Enabled) : x).ToArray()
            : policy.Rules;
        return new MitigationPolicy(a.MitigationEnabled ?? policy.Enabled, policy.EvaluateEverySeconds, policy.MinSamples,
            policy.ShedBelowPriority, policy.RetryAfterSeconds, rules);
    }
}
