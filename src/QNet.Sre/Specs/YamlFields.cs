using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Reads typed fields from YAML nodes and records every problem with its line and dotted path.</summary>
internal sealed class YamlFields(List<SpecError> errors)
{
    public List<SpecError> Errors { get; } = errors;

    public static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    public void Error(YamlNode? node, string path, string message) => Errors.Add(new SpecError(Line(node), path, message));

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
            if (!known.Contains(name))
            {
                Error(k, Join(path, name), $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    public YamlMappingNode? Map(YamlMappingNode? parent, string key, string path, bool required)
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

        if (node is YamlMappingNode m)
        {
            return m;
        }

        Error(node, Join(path, key), "must be a mapping");
        return null;
    }

    public YamlSequenceNode? Seq(YamlMappingNode? parent, string key, string path, bool required)
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

        if (node is YamlSequenceNode s)
        {
            return s;
        }

        Error(node, Join(path, key), "must be a list");
        return null;
    }

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

        if (node is YamlScalarNode { Value: { } v } && v.Length > 0)
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

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
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

        if (bool.TryParse(text, out var b))
        {
            return b;
        }

        Error(Get(parent, key), Join(path, key), $"'{text}' is not true or false");
        return null;
    }

    public TimeSpan? Duration(YamlMappingNode? parent, string key, string path, bool required)
    {
        var text = Str(parent, key, path, required);
        if (text is null)
        {
            return null;
        }

        var d = DurationText.TryParseFixed(text);
        if (d is null)
        {
            Error(Get(parent, key), Join(path, key), $"'{text}' is not a duration such as 30s, 5m, 1h, 28d or 1w");
        }

        return d;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
