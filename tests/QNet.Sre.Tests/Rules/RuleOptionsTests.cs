using QNet.Sre.Rules;

namespace QNet.Sre.Tests.Rules;

public sealed class RuleOptionsTests
{
    [Fact]
    public void Constructor_BadValues_NameTheField()
    {
        Assert.Equal("RunbookBaseUrl", Assert.Throws<ArgumentException>(() => new RuleOptions(" ", TimeSpan.FromMinutes(1))).ParamName);
        Assert.Equal("RunbookBaseUrl", Assert.Throws<ArgumentException>(() => new RuleOptions("docs/runbooks", TimeSpan.FromMinutes(1))).ParamName);
        Assert.Equal("EvaluationInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOptions("u/", TimeSpan.FromMilliseconds(1500))).ParamName);
    }

    [Fact]
    public void Render_RuleExpressions_AreExactPromQl()
    {
        var sel = new QNet.Sre.Specs.MetricSelector("m_total", [new QNet.Sre.Specs.LabelMatcher("outcome", QNet.Sre.Specs.MatchOp.Regex, "fail.*")]);
        Expr e = new BinaryExpr(
            BinaryOp.And,
            new BinaryExpr(BinaryOp.Gte, new AggregateExpr(Aggregation.Sum, ["link"], new RangeExpr(RangeFunction.Rate, sel, TimeSpan.FromMinutes(5))), new NumberExpr(0.1), ReturnBool: true),
            new AggregateExpr(Aggregation.Sum, ["link"], new SelectorExpr(sel, TimeSpan.FromMinutes(5))));

        Assert.Equal("(sum by (link) (rate(m_total{outcome=~\"fail.*\"}[5m])) >= bool 0.1) and sum by (link) (m_total{outcome=~\"fail.*\"} offset 5m)", PromQlText.Render(e));
    }
}
