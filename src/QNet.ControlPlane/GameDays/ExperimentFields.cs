using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>Reads typed fields of an experiment's YAML (or JSON) nodes and records every problem with its line and dotted path.</summary>
internal sealed partial class ExperimentFields(string source)
{
    public List<ExperimentError> Errors { get; } = [];

    public static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    public void Error(YamlNode? node, string path, string message) => Errors.Add(new ExperimentError(source, Line(node), path, message));

    public void Error(int line, string path, string message) => Errors.Add(new ExperimentError(source, line, path, message));

    public static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }
        return null;
    }

    /// <summary>Reports keys not in <paramref name="known"/>: a typo must not silently drop a field.</summary>
    public void CheckKeys(YamlMappingNode map, string path, params string[] known)
    {
        foreach (var (k, _) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(k, Join(path, name), $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    public YamlMappingNode? Map(YamlMappingNode? parent, string key, string path, bool required) => Node<YamlMappingNode>(parent, key, path, required, "must be a mapping");

    public YamlSequenceNode? Seq(YamlMappingNode? parent, string key, string path, bool required) => Node<YamlSequenceNode>(parent, key, path, required, "must be a list");

    public string? Str(YamlMappingNode? parent, string key, string path, bool required)
    {
        var node = Get(parent, key);
        if (node is null)
        {
            if (required)
            {
                Error(parent, Join(path, key), "is required");
            }
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } v })
        {
            return v;
        }
        Error(node, Join(path, key), "must be a non-empty string");
        return null;
    }

    public double? Number(YamlMappingNode? parent, string key, string path, bool required)
    {
        var text = Str(parent, key, path, required);
        if (text is null)
        {
            return null;
        }
        if (TryNumber(text, out double d))
        {
            return d;
        }
        Error(Get(parent, key), Join(path, key), $"'{text}' is not a number");
        return null;
    }

    public bool? Bool(YamlMappingNode? parent, string key, string path)
    {
        var text = Str(parent, key, path, required: false);
        if (text is null)
        {
            return null;
        }
        if (bool.TryParse(text, out bool b))
        {
            return b;
        }
        Error(Get(parent, key), Join(path, key), $"'{text}' is not true or false");
        return null;
    }

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

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

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

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

    private T? Node<T>(YamlMappingNode? parent, string key, string path, bool required, string message)
        where T : YamlNode
    {
        var node = Get(parent, key);
        if (node is null)
        {
            if (required)
            {
                Error(parent, Join(path, key), "is required");
            }
            return null;
        }
        if (node is T t)
        {
            return t;
        }
        Error(node, Join(path, key), message);
        return null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|min|m|h|d|)$")]
    private static partial Regex DurationRegex();
}
