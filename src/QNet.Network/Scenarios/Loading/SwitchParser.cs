namespace QNet.Network.Scenarios.Loading;

/// <summary>Reads the <c>switch</c> mapping of a switch node: buffer, policy, lossRate or lifetime, cutoff, successProbability.</summary>
internal static class SwitchParser
{
    private static readonly string[] SwitchKeys = ["buffer", "policy", "lossRate", "lifetime", "cutoff", "successProbability"];

    /// <summary>The switch settings (defaults when the node has no <c>switch</c> key), or null after an error.</summary>
    public static SwitchSpec? Parse(MappingReader node)
    {
        node.Forbid("memory", "does not apply to a switch node: its memory is switch.buffer slots per leaf link, and switch.lossRate or switch.lifetime sets how long they keep a qubit");
        node.Forbid("swap", "does not apply to a switch node: give the swap success as switch.successProbability");
        if (!node.Has("switch"))
        {
            return new SwitchSpec();
        }
        MappingReader? reader = node.Mapping("switch", SwitchKeys);
        if (reader is null)
        {
            return null;
        }
        int before = reader.Errors.Count;
        long? buffer = reader.Integer("buffer", 1, SwitchSpec.MaxBuffer);
        SwitchPolicy? policy = reader.Choice("policy", ScenarioNames.SwitchPolicies);
        double? lossRate = reader.Quantity("lossRate", Dimension.Frequency, RangeRule.NonNegative);
        double? lifetime = reader.Quantity("lifetime", Dimension.Duration, RangeRule.Positive, allowInfinite: true);
        if (lossRate is not null && lifetime is not null)
        {
            reader.ErrorAt("lifetime", "give either lossRate or lifetime (the mean storage time, 1/lossRate), not both");
        }
        double? cutoff = reader.Quantity("cutoff", Dimension.Duration, RangeRule.SimulatedSpan);
        double? success = reader.Number("successProbability", RangeRule.PositiveProbability);
        if (reader.Errors.Count != before)
        {
            return null;
        }
        return new SwitchSpec((int)(buffer ?? 1), policy ?? SwitchPolicy.OldestFirst)
        {
            LossRateHz = lossRate ?? (lifetime is { } life ? 1 / life : 0),
            CutoffSeconds = cutoff,
            SwapSuccessProbability = success ?? 1,
        };
    }
}
