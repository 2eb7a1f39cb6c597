namespace QNet.Sre.Rules;

/// <summary>
/// <c>QNetNodeUnreachable</c>: a node's agent has been silent (<c>qnet_node_reachable</c> 0: no telemetry or heartbeat
/// within the control plane's silence timeout, or its stream ended) for 1 minute. The series exists only for nodes an
/// agent has connected for, so a network run without agents never fires it; it resolves as soon as the agent is back.
/// Left out during maintenance of the node (a site visit that unplugs the agent is not an incident).
/// </summary>
internal static class NodeUnreachableRules
{
    public static RuleGroup Build(RuleOptions options)
    {
        var reachable = new AggregateExpr(Aggregation.Max, ["node"], new SelectorExpr(new Specs.MetricSelector(MetricCatalogue.NodeReachable, [])));
        var rule = new AlertingRule(
            RuleNames.NodeUnreachableAlert,
            RuleBuilder.OutsideMaintenance(new BinaryExpr(BinaryOp.Eql, reachable, new NumberExpr(0)), ["node"]),
            TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["severity"] = "page", [RuleNames.LayerLabel] = "node-agent" },
            new Dictionary<string, string>
            {
                ["summary"] = "A node's agent is unreachable",
                ["description"] = "The node's agent has been silent for 1 minute: the control plane no longer hears the node's devices and cannot command them.",
                ["runbook_url"] = options.RunbookBaseUrl + RuleNames.NodeUnreachableAlert + ".md",
            });
        return new RuleGroup("qnet-node-unreachable", options.EvaluationInterval, [rule]);
    }
}
