using System.Text.RegularExpressions;
using QNet.Sre.Specs;
using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Reads typed fields of an experiment's YAML (or JSON) nodes and records every problem as an
/// <see cref="ExperimentError"/> of its source file; adds what only experiments have (durations in seconds,
/// label matchers) to the shared reader.
/// </summary>
internal sealed partial class ExperimentFields : YamlFieldReader
{
    public ExperimentFields(string source)
        : this(source, [])
    {
    }

    private ExperimentFields(string source, List<ExperimentError> errors)
        : base((line, path, message) => errors.Add(new ExperimentError(source, line, path, message)))
    {
        Errors = errors;
    }

    public List<ExperimentError> Errors { get; }

    /// <summary>A duration in seconds: a number of seconds (as Chaos Toolkit's pauses) or a number with ms, s, m/min, h or d.</summary>
    public double? Duration(YamlMappingNode? parent, string key, string path, bool required)
    {
        var text = Str(parent, key, path, required);
        if (text is null)
        {
            return null;
        }
        if (TryDuration(text, out double seconds))
        {
            return seconds;
        }
        Error(Get(parent, key), Join(path, key), $"'{text}' is not a duration such as 90, 30s, 5min, 2h (a positive number of seconds or with ms, s, m, min, h, d)");
        return null;
    }

    /// <summary>Label matchers: a mapping of label names to values.</summary>
    public IReadOnlyDictionary<string, string> Labels(YamlMappingNode? parent, string key, string path)
    {
        var map = Map(parent, key, path, required: false);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (k is YamlScalarNode { Value: { Length: > 0 } name } && v is YamlScalarNode { Value: { Length: > 0 } value })
            {
                labels[name] = value;
            }
            else
            {
                Error(k, Join(path, key), "every label must map a name to a non-empty value");
            }
        }
        return labels;
    }

    public static bool TryDuration(string text, out double seconds)
    {
        seconds = 0;
        var m = DurationRegex().Match(text.Trim());
        if (!m.Success || !TryNumber(m.Groups[1].Value, out double n))
        {
            return false;
        }
        seconds = n * m.Groups[2].Value switch
        {
            "ms" => 1e-3,
            "" or "s" => 1,
            "m" or "min" => 60,
            "h" => 3600,
            _ => 86400,
        };
        return seconds > 0;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|min|m|h|d|)$")]
    private static partial Regex DurationRegex();
}
