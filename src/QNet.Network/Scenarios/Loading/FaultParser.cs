using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads the optional <c>faults</c> list (at, duration, kind, target, magnitude) and <c>calibration</c> list
/// (target, every, duration, resets), checking kinds, targets and magnitudes with the rules the control API applies
/// (<see cref="FaultSpec.Problem"/>, <see cref="FaultTargets"/>).
/// </summary>
internal static class FaultParser
{
    private static readonly string[] FaultKeys = ["at", "duration", "kind", "target", "magnitude"];
    private static readonly string[] CalibrationKeys = ["target", "every", "duration", "resets"];

    public static List<FaultSpec> Faults(IReadOnlyList<YamlNode> items, IReadOnlyList<NodeSpec> nodes, IReadOnlyList<LinkSpec> links, ScenarioUse use, ErrorSink errors)
    {
        var faults = new List<FaultSpec>();
        for (int i = 0; i < items.Count; i++)
        {
            MappingReader? reader = MappingReader.AsMapping(items[i], $"faults[{i}]", errors, FaultKeys);
            if (reader is null)
            {
                continue;
            }
            int before = errors.Count;
            double at = reader.Quantity("at", Dimension.Duration, RangeRule.SimulatedInstant) ?? 0;
            double? duration = reader.Quantity("duration", Dimension.Duration, RangeRule.SimulatedSpan);
            string? kindText = reader.Text("kind", required: true);
            string? target = reader.Text("target", required: true);
            if (kindText is null)
            {
                continue;
            }
            if (!FaultKinds.TryParse(kindText, out FaultKind kind))
            {
                string? near = Spelling.Closest(kindText, FaultKinds.Names);
                reader.ErrorAt("kind", $"unknown fault kind '{kindText}'; allowed: {string.Join(", ", FaultKinds.Names)}" + (near is null ? "" : $" (did you mean '{near}'?)"));
                continue;
            }
            double? magnitude = null;
            if (FaultKinds.HasMagnitude(kind))
            {
                magnitude = reader.Number("magnitude", RangeRule.Any, required: true);
            }
            else
            {
                reader.Forbid("magnitude", $"does not apply to {kindText}");
            }
            if (target is not null && FaultTargets.Problem(nodes, links, kind, target) is { } t)
            {
                reader.ErrorAt("target", t);
            }
            // A missing magnitude is already reported; at and duration out of range too (they read as null).
            if ((magnitude is not null || !FaultKinds.HasMagnitude(kind)) && FaultSpec.Problem(kind, magnitude ?? 0, at, duration) is { } p)
            {
                reader.ErrorAt(p.Field, p.Message);
            }
            if (kind == FaultKind.QkdConfigSkew && use == ScenarioUse.Simulation)
            {
                reader.ErrorAt("kind", "qkd-config-skew is replayed by `qnet up --scenario` only; `qnet simulate` does not run QKD post-processing");
            }
            if (errors.Count == before && target is not null)
            {
                faults.Add(new FaultSpec(kind, target, magnitude ?? 0, at, duration));
            }
        }
        return faults;
    }

    public static List<CalibrationSpec> Calibrations(IReadOnlyList<YamlNode> items, IReadOnlyList<NodeSpec> nodes, IReadOnlyList<LinkSpec> links, ErrorSink errors)
    {
        var jobs = new List<CalibrationSpec>();
        for (int i = 0; i < items.Count; i++)
        {
            MappingReader? reader = MappingReader.AsMapping(items[i], $"calibration[{i}]", errors, CalibrationKeys);
            if (reader is null)
            {
                continue;
            }
            int before = errors.Count;
            string? target = reader.Text("target", required: true);
            double? every = reader.Quantity("every", Dimension.Duration, RangeRule.SimulatedSpan, required: true);
            double duration = reader.Quantity("duration", Dimension.Duration, RangeRule.NonNegative) ?? 0;
            if (target is not null && links.All(l => l.Id != target || l.Qkd is not null) && nodes.All(n => n.Id != target))
            {
                string? near = Spelling.Closest(target, links.Where(l => l.Qkd is null).Select(l => l.Id).Concat(nodes.Select(n => n.Id)));
                reader.ErrorAt("target", $"'{target}' is not an entanglement link or node of the network" + (near is null ? "" : $" (did you mean '{near}'?)"));
            }
            if (every is { } e && duration >= e)
            {
                reader.ErrorAt("duration", "must be shorter than every (the device is out of service for duration in each period)");
            }
            CalibrationResets resets = Resets(reader);
            if (errors.Count == before && target is not null && every is not null)
            {
                jobs.Add(new CalibrationSpec(target, every.Value, duration, resets));
            }
        }
        return jobs;
    }

    // resets: a list of drift and visibility (default: drift).
    private static CalibrationResets Resets(MappingReader reader)
    {
        if (!reader.Has("resets"))
        {
            return CalibrationResets.Drift;
        }
        var resets = CalibrationResets.None;
        IReadOnlyList<YamlNode> items = reader.Sequence("resets") ?? [];
        for (int k = 0; k < items.Count; k++)
        {
            string field = reader.FieldOf($"resets[{k}]");
            switch (MappingReader.ScalarText(items[k], field, reader.Errors))
            {
                case "drift":
                    resets |= CalibrationResets.Drift;
                    break;
                case "visibility":
                    resets |= CalibrationResets.Visibility;
                    break;
                case { } other:
                    reader.Errors.Add(items[k], field, $"unknown reset '{other}'; allowed: drift, visibility");
                    break;
            }
        }
        return resets;
    }
}
