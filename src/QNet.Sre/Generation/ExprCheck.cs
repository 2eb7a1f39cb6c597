namespace QNet.Sre.Generation;

/// <summary>
/// A <c>promql_expr_test</c> of a generated promtool unit test: the samples <see cref="Expr"/> returns at
/// <see cref="EvalTime"/>, as the in-process evaluator computed them.
/// </summary>
/// <param name="EvalTime">Time since the scenario's start.</param>
/// <param name="Expr">PromQL expression (its result must not depend on floating-point rounding, e.g. a <c>bool</c> comparison).</param>
/// <param name="Samples">Expected samples: labels (without the metric name) and value.</param>
internal sealed record ExprCheck(TimeSpan EvalTime, string Expr, IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples);
