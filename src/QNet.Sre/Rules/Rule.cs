namespace QNet.Sre.Rules;

/// <summary>A Prometheus rule over the shared expression tree.</summary>
internal abstract record Rule(Expr Expr, IReadOnlyDictionary<string, string> Labels);

/// <summary>A recording rule: stores <see cref="Rule.Expr"/> under <see cref="Record"/>, with extra labels.</summary>
internal sealed record RecordingRule(string Record, Expr Expr, IReadOnlyDictionary<string, string> Labels) : Rule(Expr, Labels);

/// <summary>An alerting rule: pending while the expression has a result, firing after <see cref="For"/>.</summary>
internal sealed record AlertingRule(string Alert, Expr Expr, TimeSpan For, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
    : Rule(Expr, Labels);

/// <summary>A rule group: rules run in order at each evaluation, so later rules see earlier rules' output.</summary>
internal sealed record RuleGroup(string Name, TimeSpan Interval, IReadOnlyList<Rule> Rules);
