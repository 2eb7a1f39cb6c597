namespace QNet.Network.Planning;

/// <summary>Every design compared, and the recommendation.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Costs">The cost model used.</param>
/// <param name="Rows">One row per design, in request order.</param>
/// <param name="Recommended">The cheapest design per usable pair that reaches the target (and the minimum rate); null when none does.</param>
public sealed record PlanResult(PlanRequest Request, CostModel Costs, IReadOnlyList<PlanRow> Rows, PlanRow? Recommended);
