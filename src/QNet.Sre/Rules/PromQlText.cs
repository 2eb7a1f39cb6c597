using System.Globalization;
using QNet.Sre.Specs;

namespace QNet.Sre.Rules;

/// <summary>Renders an <see cref="Expr"/> as PromQL. Numbers use round-trip formatting so Prometheus parses the exact double.</summary>
internal static class PromQlText
{
    public static string Render(Expr e) => e switch
    {
        SelectorExpr s => s.Offset > TimeSpan.Zero ? $"{s.Selector} offset {DurationText.Format(s.Offset)}" : s.Selector.ToString(),
        RangeExpr { Function: RangeFunction.PredictLinear } r => $"predict_linear({r.Selector}[{DurationText.Format(r.Range)}], {Number(r.Horizon.TotalSeconds)})",
        RangeExpr r => $"{Name(r.Function)}({r.Selector}[{DurationText.Format(r.Range)}])",
        AggregateExpr a => $"{Name(a.Op)} by ({string.Join(", ", a.By)}) ({Render(a.Inner)})",
        BinaryExpr b => $"{Operand(b.Left)} {Op(b.Op)}{(b.ReturnBool ? " bool" : "")}{(b.On is { } on ? $" on({string.Join(", ", on)})" : "")} {Operand(b.Right)}",
        NumberExpr n => Number(n.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Operand(Expr e) => e is BinaryExpr ? "(" + Render(e) + ")" : Render(e);

    private static string Name(RangeFunction f) => f switch
    {
        RangeFunction.Rate => "rate",
        RangeFunction.Increase => "increase",
        RangeFunction.SumOverTime => "sum_over_time",
        _ => "avg_over_time",
    };

    private static string Op(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Div => "/",
        BinaryOp.Mul => "*",
        BinaryOp.Gt => ">",
        BinaryOp.Gte => ">=",
        BinaryOp.Lt => "<",
        BinaryOp.Lte => "<=",
        BinaryOp.Eql => "==",
        BinaryOp.Unless => "unless",
        _ => "and",
    };

    private static string Name(Aggregation op) => op switch
    {
        Aggregation.Sum => "sum",
        Aggregation.Min => "min",
        _ => "max",
    };
}
