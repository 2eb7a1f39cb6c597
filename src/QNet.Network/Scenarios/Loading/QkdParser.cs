using QNet.Qkd;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads a <c>qkd</c> block of a link (bb84-decoy on direct links, bbm92 on entangling links) or of a
/// qkd session (bbm92 only).
/// </summary>
internal static class QkdParser
{
    private static readonly string[] QkdKeys =
    [
        "protocol", "pulseRate", "errorCorrectionEfficiency", "intensities", "intensityProbabilities",
        "zBasisProbability", "blockSize", "securityParameter", "afterPulseProbability", "meanPairNumber",
        "postProcessingVersion",
    ];

    private static readonly string[] ClassKeys = ["signal", "decoy", "vacuum"];

    /// <summary>Parses the block under <paramref name="key"/>; <paramref name="heralding"/> is null for a session.</summary>
    public static QkdSpec? Parse(MappingReader parent, string key, HeraldingScheme? heralding)
    {
        MappingReader? block = parent.Mapping(key, QkdKeys);
        if (block is null)
        {
            return null;
        }
        int before = block.Errors.Count;
        QkdProtocol? protocol = block.Choice("protocol", ScenarioNames.QkdProtocols, required: true);
        if (protocol is not { } chosen)
        {
            return null;
        }
        string name = ScenarioNames.Of(chosen);
        string context = heralding is { } h ? $"a {ScenarioNames.Of(h)} link" : "a session";
        if (chosen == QkdProtocol.Bb84Decoy && heralding != HeraldingScheme.Direct)
        {
            block.ErrorAt("protocol", $"bb84-decoy is prepare-and-measure and needs heralding: direct; {context} delivers entangled pairs, use bbm92");
        }
        if (chosen == QkdProtocol.Bbm92 && heralding == HeraldingScheme.Direct)
        {
            block.ErrorAt("protocol", "bbm92 needs entangled pairs; a direct link sends single photons, use bb84-decoy");
        }

        var spec = new QkdSpec(chosen)
        {
            PulseRateHz = block.Quantity("pulseRate", Dimension.Frequency, RangeRule.Positive, required: chosen == QkdProtocol.Bb84Decoy),
            ErrorCorrectionEfficiency = block.Number("errorCorrectionEfficiency", new RangeRule(1, true, 10, true, "must lie between 1 (the Shannon limit) and 10"))
                ?? QkdSpec.DefaultErrorCorrectionEfficiency,
            ZBasisProbability = block.Number("zBasisProbability", RangeRule.OpenProbability) ?? 0.5,
            BlockSizeBits = block.Integer("blockSize", 1, long.MaxValue) ?? QkdSpec.DefaultBlockSizeBits,
            SecurityParameter = block.Number("securityParameter", RangeRule.OpenProbability) ?? QkdSpec.DefaultSecurityParameter,
            AfterPulseProbability = block.Number("afterPulseProbability", RangeRule.Probability) ?? 0,
        };

        if (chosen == QkdProtocol.Bb84Decoy)
        {
            block.Forbid("meanPairNumber", "applies only to bbm92 with an entangled-photon source (heralding: midpoint-source)");
            spec = spec with
            {
                Intensities = Intensities(block),
                IntensityProbabilities = Probabilities(block) ?? QkdSpec.DefaultIntensityProbabilities,
                PostProcessingVersion = PostProcessingVersion(block),
            };
        }
        else
        {
            block.Forbid("intensities", $"applies only to bb84-decoy (this block is {name})");
            block.Forbid("intensityProbabilities", $"applies only to bb84-decoy (this block is {name})");
            block.Forbid("postProcessingVersion", $"applies only to bb84-decoy (this block is {name})");
            if (heralding == HeraldingScheme.MidpointSource)
            {
                spec = spec with { MeanPairNumber = block.Number("meanPairNumber", RangeRule.Positive) };
            }
            else
            {
                block.Forbid("meanPairNumber", $"applies only to an entangled-photon source (heralding: midpoint-source), not to {context}");
            }
        }
        return block.Errors.Count == before ? spec : null;
    }

    // A version QNet knows (both ends start on it); an unknown one lists the known ones.
    private static int PostProcessingVersion(MappingReader block)
    {
        long? version = block.Integer("postProcessingVersion", 1, int.MaxValue);
        if (version is { } v && QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Find((int)v) is null)
        {
            block.ErrorAt("postProcessingVersion", $"unknown post-processing version {v}; known versions are {QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Known}");
        }
        return (int?)version ?? QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Current;
    }

    private static DecoyIntensities? Intensities(MappingReader block)
    {
        MappingReader? classes = block.Mapping("intensities", ClassKeys, required: true);
        if (classes is null)
        {
            return null;
        }
        double? signal = classes.Number("signal", RangeRule.Positive, required: true);
        double? decoy = classes.Number("decoy", RangeRule.Positive, required: true);
        double? vacuum = classes.Number("vacuum", RangeRule.NonNegative) ?? 0;
        if (signal is not { } mu || decoy is not { } nu || vacuum is not { } v)
        {
            return null;
        }
        if (nu >= mu)
        {
            classes.ErrorAt("decoy", $"the decoy intensity ({nu}) must be below the signal intensity ({mu})");
            return null;
        }
        if (v >= nu)
        {
            classes.ErrorAt("vacuum", $"the vacuum intensity ({v}) must be below the decoy intensity ({nu})");
            return null;
        }
        return new DecoyIntensities(mu, nu, v);
    }

    private static DecoyIntensities? Probabilities(MappingReader block)
    {
        MappingReader? classes = block.Mapping("intensityProbabilities", ClassKeys);
        if (classes is null)
        {
            return null;
        }
        double? signal = classes.Number("signal", RangeRule.Probability, required: true);
        double? decoy = classes.Number("decoy", RangeRule.Probability, required: true);
        double? vacuum = classes.Number("vacuum", RangeRule.Probability, required: true);
        if (signal is not { } s || decoy is not { } d || vacuum is not { } v)
        {
            return null;
        }
        if (Math.Abs(s + d + v - 1) > 1e-9)
        {
            block.ErrorAt("intensityProbabilities", $"signal, decoy and vacuum probabilities must add up to 1 (they add up to {s + d + v})");
            return null;
        }
        return new DecoyIntensities(s, d, v);
    }
}
