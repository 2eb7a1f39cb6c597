using QNet.Network.Links;
using QNet.Physics.Hardware;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads the <c>links</c> list. Fields that do not belong to the chosen heralding scheme or medium
/// are errors, not warnings: a value that is silently ignored is a mistake the user cannot see.
/// </summary>
internal static class LinkParser
{
    private static readonly string[] LinkKeys =
    [
        "id", "between", "heralding", "medium", "length", "attenuation", "lightSpeed", "loss",
        "brightStatePopulation", "visibility", "detector", "source", "successProbability", "attemptDuration", "fidelity", "qkd",
        "channels", "sharing", "fidelityAt",
    ];

    /// <summary>The spelling of <c>channels</c> that keeps one channel per memory-slot pair of each session (the default).</summary>
    public const string PerMemory = "per-memory";

    /// <summary>The most channels a link may declare (a multiplexed ensemble memory has hundreds of modes).</summary>
    public const int MaxChannels = 1_000_000;

    private static readonly string[] ProbabilisticKeys = ["successProbability", "attemptDuration", "fidelity"];

    private static readonly RangeRule WernerFidelity = new(0.25, true, 1, true, "must lie between 0.25 and 1 (a Werner pair)");

    public static List<LinkSpec> Parse(IReadOnlyList<YamlNode> items, IReadOnlySet<string> nodeIds, ErrorSink errors)
    {
        var links = new List<LinkSpec>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            int before = errors.Count;
            MappingReader? reader = MappingReader.AsMapping(items[i], $"links[{i}]", errors, LinkKeys);
            if (reader is null)
            {
                continue;
            }
            string? id = reader.Id("id");
            if (id is not null && !ids.Add(id))
            {
                reader.ErrorAt("id", $"duplicate link id '{id}'");
            }
            (string A, string B)? ends = ParseBetween(reader, nodeIds);
            HeraldingScheme? heralding = reader.Choice("heralding", ScenarioNames.Heraldings, required: true);
            // With a bad id or ends the body is still read (with placeholders) so its errors are reported too.
            LinkSpec? link = null;
            if (heralding is { } scheme)
            {
                link = ParseBody(reader, new LinkSpec(id ?? "_", ends?.A ?? "_a", ends?.B ?? "_b", scheme));
            }
            else
            {
                CheckValuesOnly(reader);
            }
            if (errors.Count == before && link is not null)
            {
                SimulationCheck.Link(link, reader);
            }
            if (errors.Count == before && link is not null)
            {
                links.Add(link);
            }
        }
        return links;
    }

    private static (string, string)? ParseBetween(MappingReader reader, IReadOnlySet<string> nodeIds)
    {
        IReadOnlyList<YamlNode>? between = reader.Sequence("between", required: true);
        if (between is null)
        {
            return null;
        }
        if (between.Count != 2)
        {
            reader.ErrorAt("between", $"must name exactly two nodes, e.g. [alice, bob] (got {between.Count})");
            return null;
        }
        var ends = new string?[2];
        for (int k = 0; k < 2; k++)
        {
            string field = reader.FieldOf($"between[{k}]");
            ends[k] = MappingReader.ScalarText(between[k], field, reader.Errors);
            if (ends[k] is { } name && !nodeIds.Contains(name))
            {
                string? near = Spelling.Closest(name, nodeIds);
                reader.Errors.Add(between[k], field, $"unknown node '{name}'" + (near is null ? "" : $" (did you mean '{near}'?)"));
                ends[k] = null;
            }
        }
        if (ends[0] is { } a && ends[1] is { } b)
        {
            if (a == b)
            {
                reader.ErrorAt("between", $"a link cannot join node '{a}' to itself");
                return null;
            }
            return (a, b);
        }
        return null;
    }

    /// <summary>
    /// Without a valid heralding scheme, which fields are required or allowed is unknown; the values
    /// present are still checked so their errors appear in the same pass.
    /// </summary>
    private static void CheckValuesOnly(MappingReader reader)
    {
        reader.Choice("medium", ScenarioNames.Media);
        reader.Quantity("length", Dimension.Length, RangeRule.NonNegative);
        reader.Quantity("attenuation", Dimension.Attenuation, RangeRule.NonNegative);
        reader.Quantity("lightSpeed", Dimension.Speed, RangeRule.Positive);
        reader.Quantity("loss", Dimension.Loss, RangeRule.NonNegative);
        reader.Number("brightStatePopulation", RangeRule.PositiveProbability);
        reader.Number("visibility", RangeRule.Probability);
        reader.Number("successProbability", RangeRule.PositiveProbability);
        reader.Quantity("attemptDuration", Dimension.Duration, RangeRule.SimulatedSpan);
        reader.Number("fidelity", WernerFidelity);
        HardwareParser.Detector(reader);
        HardwareParser.Source(reader);
        Capacity(reader, new LinkSpec("_", "_a", "_b", HeraldingScheme.Probabilistic));
    }

    // channels, sharing and fidelityAt: they apply to every scheme.
    private static LinkSpec Capacity(MappingReader reader, LinkSpec link)
    {
        int? channels = null;
        string? text = reader.Text("channels");
        if (text is not null && text != PerMemory)
        {
            if (Quantity.TryParseNumber(text, out _))
            {
                channels = (int?)reader.Integer("channels", 1, MaxChannels);
            }
            else
            {
                reader.ErrorAt("channels", $"must be a whole number of channels or '{PerMemory}' (got '{text}')");
            }
        }
        ChannelSharing? sharing = reader.Choice("sharing", ScenarioNames.ChannelSharings);
        if (sharing is not null && (text is null || text == PerMemory))
        {
            reader.ErrorAt("sharing", $"applies only to a link with a number of channels (with '{PerMemory}' channels every session has its own)");
        }
        return link with
        {
            Channels = channels,
            Sharing = sharing ?? ChannelSharing.RoundRobin,
            FidelityAt = reader.Choice("fidelityAt", ScenarioNames.FidelityPoints) ?? FidelityPoint.Emission,
        };
    }

    private static LinkSpec ParseBody(MappingReader reader, LinkSpec link)
    {
        bool probabilistic = link.Heralding == HeraldingScheme.Probabilistic;
        string scheme = ScenarioNames.Of(link.Heralding);
        LinkMedium medium = reader.Choice("medium", ScenarioNames.Media) ?? LinkMedium.Fiber;
        double? length = reader.Quantity("length", Dimension.Length, RangeRule.NonNegative, required: !probabilistic);
        link = link with { Medium = medium, LengthMetres = length };

        if (probabilistic || medium == LinkMedium.FreeSpace)
        {
            reader.Forbid("attenuation", probabilistic
                ? "does not apply to probabilistic links (their loss is folded into successProbability)"
                : "applies only to fiber links; a free-space link takes 'loss'");
        }
        else if (reader.Quantity("attenuation", Dimension.Attenuation, RangeRule.NonNegative) is { } attenuation)
        {
            link = link with { AttenuationDbPerKm = attenuation };
        }

        if (medium == LinkMedium.FreeSpace)
        {
            reader.Forbid("lightSpeed", "applies only to fiber links; free-space links use the speed of light in air");
        }
        else if (reader.Quantity("lightSpeed", Dimension.Speed, RangeRule.Positive) is { } speed)
        {
            link = link with { LightSpeedMetresPerSecond = speed };
        }

        if (medium == LinkMedium.FreeSpace && !probabilistic)
        {
            link = link with { FreeSpaceLossDb = reader.Quantity("loss", Dimension.Loss, RangeRule.NonNegative, required: true) };
        }
        else
        {
            reader.Forbid("loss", probabilistic
                ? "does not apply to probabilistic links (their loss is folded into successProbability)"
                : "applies only to free-space links (set medium: free-space); fiber links take 'attenuation'");
        }

        if (link.Heralding == HeraldingScheme.SingleClick)
        {
            link = link with { BrightStatePopulation = reader.Number("brightStatePopulation", RangeRule.PositiveProbability, required: true) };
        }
        else
        {
            reader.Forbid("brightStatePopulation", $"applies only to single-click links (this link is {scheme})");
        }

        if (link.Heralding is HeraldingScheme.SingleClick or HeraldingScheme.DoubleClick)
        {
            if (reader.Number("visibility", RangeRule.Probability) is { } visibility)
            {
                link = link with { Visibility = visibility };
            }
        }
        else
        {
            reader.Forbid("visibility", $"applies only to single-click and double-click links, whose photons interfere at a midpoint station (this link is {scheme})");
        }

        if (probabilistic)
        {
            reader.Forbid("detector", "does not apply to probabilistic links (give successProbability and fidelity instead)");
            reader.Forbid("source", "does not apply to probabilistic links (give successProbability and fidelity instead)");
            double? p = reader.Number("successProbability", RangeRule.PositiveProbability, required: true);
            double? tau = reader.Quantity("attemptDuration", Dimension.Duration, RangeRule.SimulatedSpan, required: true);
            double? fidelity = reader.Number("fidelity", WernerFidelity, required: true);
            if (p is { } success && tau is { } duration && fidelity is { } f)
            {
                link = link with { Probabilistic = new ProbabilisticLinkSpec(success, duration, f) };
            }
        }
        else
        {
            foreach (string key in ProbabilisticKeys)
            {
                reader.Forbid(key, $"applies only to probabilistic links (this link is {scheme})");
            }
            link = link with
            {
                Detector = HardwareParser.Detector(reader) ?? new Detector(),
                Source = HardwareParser.Source(reader) ?? PhotonSource.Ideal,
            };
        }

        if (reader.Has("qkd"))
        {
            link = link with { Qkd = QkdParser.Parse(reader, "qkd", link.Heralding) };
        }
        return Capacity(reader, link);
    }
}
