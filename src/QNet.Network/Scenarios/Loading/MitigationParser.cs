using QNet.Network.Mitigation;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads the optional <c>mitigation</c> mapping: the fields <c>PUT /api/v1/mitigation</c> takes, over
/// <see cref="MitigationPolicy.Default"/> (rules, when given, replace the whole list). Names come from
/// <see cref="MitigationNames"/> and ranges from the policy records themselves, so a file and a request are held to
/// the same rules; here each error carries the line of its value.
/// </summary>
internal static class MitigationParser
{
    private static readonly string[] Keys = ["enabled", "evaluateEvery", "minSamples", "shedBelowPriority", "retryAfter", "rules"];
    private static readonly string[] RuleKeys = ["action", "signal", "threshold", "release", "cooldown", "enabled"];

    // The loader's view of the one name table (spellings, "did you mean" hints), built from it rather than repeated.
    private static readonly NameTable<MitigationAction> Actions = new([.. MitigationNames.Actions.Select(a => (a.Name, a.Action))]);
    private static readonly NameTable<MitigationSignal> Signals = new([.. MitigationNames.Signals.Select(s => (s.Name, s.Signal))]);

    /// <summary>Default cooldown of a rule that names none, in simulated seconds (the API's default too).</summary>
    public const double DefaultCooldownSeconds = 60;

    /// <summary>The policy the section describes, or null when it is absent or has errors (reported to <paramref name="root"/>'s sink).</summary>
    public static MitigationPolicy? Parse(MappingReader root)
    {
        MappingReader? reader = root.Mapping("mitigation", Keys);
        if (reader is null)
        {
            return null;
        }
        int before = reader.Errors.Count;
        var current = MitigationPolicy.Default;
        bool? enabled = reader.Flag("enabled");
        double? every = reader.Quantity("evaluateEvery", Dimension.Duration, RangeRule.Positive);
        long? minSamples = reader.Integer("minSamples", 1, 1_000_000);
        long? shedBelow = reader.Integer("shedBelowPriority", SessionRequestRules.MinPriority, SessionRequestRules.MaxPriority + 1);
        double? retryAfter = reader.Quantity("retryAfter", Dimension.Duration, RangeRule.Positive);
        if (retryAfter is { } r && r != Math.Floor(r))
        {
            reader.ErrorAt("retryAfter", "must be a whole number of seconds (it is sent as the Retry-After header)");
        }
        IReadOnlyList<MitigationRule> rules = reader.Has("rules") ? Rules(reader) : current.Rules;
        if (reader.Errors.Count > before)
        {
            return null;
        }
        try
        {
            return new MitigationPolicy(enabled ?? current.Enabled, every ?? current.EvaluateEverySeconds, (int)(minSamples ?? current.MinSamples),
                (int)(shedBelow ?? current.ShedBelowPriority), (int)(retryAfter ?? current.RetryAfterSeconds), rules);
        }
        catch (ArgumentException e)
        {
            reader.ErrorAt(e.ParamName ?? "rules", UserMessage.Of(e));
            return null;
        }
    }

    private static List<MitigationRule> Rules(MappingReader policy)
    {
        var rules = new List<MitigationRule>();
        var seen = new HashSet<(MitigationAction, MitigationSignal)>();
        IReadOnlyList<YamlNode> items = policy.Sequence("rules") ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            MappingReader? reader = MappingReader.AsMapping(items[i], policy.FieldOf($"rules[{i}]"), policy.Errors, RuleKeys);
            if (reader is null)
            {
                continue;
            }
            MitigationAction? action = reader.Choice("action", Actions, required: true);
            MitigationSignal? signal = reader.Choice("signal", Signals, required: true);
            double? threshold = reader.Number("threshold", RangeRule.NonNegative, required: true);
            double? release = reader.Number("release", RangeRule.NonNegative);
            double? cooldown = reader.Quantity("cooldown", Dimension.Duration, RangeRule.NonNegative);
            bool? enabled = reader.Flag("enabled");
            if (action is not { } a || signal is not { } s || threshold is not { } t || (reader.Has("release") && release is null)
                || (reader.Has("cooldown") && cooldown is null) || (reader.Has("enabled") && enabled is null))
            {
                continue;
            }
            if (!seen.Add((a, s)))
            {
                reader.ErrorAt("signal", $"a second rule for {MitigationNames.Of(a)} on {MitigationNames.Of(s)}; a policy holds at most one rule per action and signal");
                continue;
            }
            try
            {
                rules.Add(new MitigationRule(a, s, t, release ?? t, cooldown ?? DefaultCooldownSeconds, enabled ?? true));
            }
            catch (ArgumentException e)
            {
                reader.ErrorAt(e.ParamName ?? "action", UserMessage.Of(e));
            }
        }
        return rules;
    }
}
