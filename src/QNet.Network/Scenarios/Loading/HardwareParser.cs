using QNet.Physics.Hardware;

namespace QNet.Network.Scenarios.Loading;

/// <summary>Reads a link's <c>detector</c> and <c>source</c> blocks into the Physics hardware records.</summary>
internal static class HardwareParser
{
    private static readonly string[] DetectorKeys = ["efficiency", "darkCountRate", "darkCountProbability", "detectionWindow", "misalignment", "backgroundRate", "deadTime"];
    private static readonly string[] SourceKeys = ["efficiency", "repetitionRate"];

    /// <summary>The detector, or null when the block is absent or has errors.</summary>
    public static Detector? Detector(MappingReader link)
    {
        MappingReader? block = link.Mapping("detector", DetectorKeys);
        if (block is null)
        {
            return null;
        }
        int before = block.Errors.Count;
        double? efficiency = block.Number("efficiency", RangeRule.Probability);
        double? rate = block.Quantity("darkCountRate", Dimension.Frequency, RangeRule.NonNegative);
        double? probability = block.Number("darkCountProbability", RangeRule.Probability);
        double? window = block.Quantity("detectionWindow", Dimension.Duration, RangeRule.SimulatedSpan);
        double? misalignment = block.Number("misalignment", new RangeRule(0, true, 0.5, true, "must lie between 0 and 0.5"));
        double? background = block.Quantity("backgroundRate", Dimension.Frequency, RangeRule.NonNegative);
        double? deadTime = block.Quantity("deadTime", Dimension.Duration, RangeRule.NonNegative);
        if (block.Has("darkCountRate") && block.Has("darkCountProbability"))
        {
            block.Forbid("darkCountProbability", "cannot be given together with darkCountRate; give the rate (with detectionWindow) or the probability per window");
        }
        if (block.Errors.Count != before)
        {
            return null;
        }
        var detector = new Detector(efficiency ?? 1, rate ?? 0, window ?? Physics.Hardware.Detector.DefaultWindow, misalignment ?? 0)
        {
            BackgroundRateHz = background ?? 0,
            DeadTimeSeconds = deadTime ?? 0,
        };
        return probability is { } p ? detector with { DarkCountProbability = p } : detector;
    }

    /// <summary>The photon source, or null when the block is absent or has errors.</summary>
    public static PhotonSource? Source(MappingReader link)
    {
        MappingReader? block = link.Mapping("source", SourceKeys);
        if (block is null)
        {
            return null;
        }
        int before = block.Errors.Count;
        double? efficiency = block.Number("efficiency", RangeRule.Probability);
        double? rate = block.Quantity("repetitionRate", Dimension.Frequency, RangeRule.Positive);
        return block.Errors.Count != before ? null : new PhotonSource(efficiency ?? 1, rate ?? double.PositiveInfinity);
    }
}
