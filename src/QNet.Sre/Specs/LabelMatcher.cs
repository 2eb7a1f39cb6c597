using System.Text.RegularExpressions;

namespace QNet.Sre.Specs;

/// <summary>How a label matcher compares, as in PromQL.</summary>
public enum MatchOp
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>A PromQL label matcher such as <c>outcome="failed"</c>; regexes are fully anchored as in Prometheus.</summary>
public sealed record LabelMatcher
{
    private readonly Regex? _regex;

    public LabelMatcher(string name, MatchOp op, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Op = op;
        Value = value ?? throw new ArgumentNullException(nameof(value));
        if (op is MatchOp.Regex or MatchOp.NotRegex)
        {
            _regex = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    public string Name { get; }

    public MatchOp Op { get; }

    public string Value { get; }

    /// <summary>True when a series whose label <see cref="Name"/> has <paramref name="labelValue"/> ("" when absent) matches.</summary>
    public bool Matches(string labelValue) => Op switch
    {
        MatchOp.Equal => labelValue == Value,
        MatchOp.NotEqual => labelValue != Value,
        MatchOp.Regex => _regex!.IsMatch(labelValue),
        _ => !_regex!.IsMatch(labelValue),
    };

    /// <summary>PromQL text, e.g. <c>le="0.9"</c>.</summary>
    public override string ToString()
    {
        var op = Op switch { MatchOp.Equal => "=", MatchOp.NotEqual => "!=", MatchOp.Regex => "=~", _ => "!~" };
        return Name + op + "\"" + Value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
