using QNet.Sre.Specs;

namespace QNet.Sre.Rules;

/// <summary>
/// The small PromQL subset QNet generates. One tree serves both sides: <see cref="PromQlText"/> renders it for
/// Prometheus, and the in-process engine evaluates it with Prometheus' semantics, so both compute the same thing.
/// </summary>
internal abstract record Expr;

/// <summary>An instant-vector selector (5-minute lookback, as Prometheus), optionally read <see cref="Offset"/> in the past.</summary>
internal sealed record SelectorExpr(MetricSelector Selector, TimeSpan Offset = default) : Expr;

/// <summary>Range functions over a selector.</summary>
internal enum RangeFunction
{
    Rate,
    Increase,
    AvgOverTime,
    SumOverTime,
    PredictLinear,
}

/// <summary>
/// <c>fn(selector[range])</c>; for <see cref="RangeFunction.PredictLinear"/>, <c>predict_linear(selector[range], h)</c>
/// with <see cref="Horizon"/> as h.
/// </summary>
internal sealed record RangeExpr(RangeFunction Function, MetricSelector Selector, TimeSpan Range, TimeSpan Horizon = default) : Expr;

/// <summary>Aggregations.</summary>
internal enum Aggregation
{
    Sum,
    Min,
    Max,
}

/// <summary><c>agg by (labels) (inner)</c>.</summary>
internal sealed record AggregateExpr(Aggregation Op, IReadOnlyList<string> By, Expr Inner) : Expr;

/// <summary>Binary operators (arithmetic, comparison, and).</summary>
internal enum BinaryOp
{
    Add,
    Sub,
    Div,
    Mul,
    Gt,
    Gte,
    Lt,
    Lte,
    Eql,
    And,
    Unless,
}

/// <summary>
/// <c>left op right</c>: vector/vector matches one-to-one on all labels except the metric name; vector/scalar
/// applies per element. <see cref="ReturnBool"/> is the <c>bool</c> modifier of comparisons. <see cref="On"/> is
/// the <c>on(...)</c> modifier of the set operators <c>and</c> / <c>unless</c>: match on these labels only (an
/// empty list matches every element with every other); null matches on all labels.
/// </summary>
internal sealed record BinaryExpr(BinaryOp Op, Expr Left, Expr Right, bool ReturnBool = false, IReadOnlyList<string>? On = null) : Expr;

/// <summary>A number literal.</summary>
internal sealed record NumberExpr(double Value) : Expr;
