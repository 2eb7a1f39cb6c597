using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>
/// Reads typed fields from YAML nodes and reports every problem with its line and dotted path to a sink, which each
/// reader adapts to its own error record (SLO specs, game-day experiments).
/// </summary>
/// <param name="report">Receives (line, dotted path, message) for each problem; line 0 when there is no node.</param>
public class YamlFieldReader(Action<int, string, string> report)
{
    /// <summary>The 1-based line of <paramref name="node"/>, or 0 when there is none.</summary>
    public static int Line(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    /// <summary>Reports a problem at <paramref name="node"/>'s line.</summary>
    public void Error(YamlNode? node, string path, string message) => report(Line(node), path, message);

    /// <summary>Reports a problem at a given line.</summary>
    public void Error(int line, string path, string message) => report(line, path, message);

    /// <summary>The value under <paramref name="key"/>, or null when the map or the key is missing.</summary>
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
        ArgumentNullException.ThrowIfNull(map);
        foreach (var (k, _) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(k, Join(path, name), $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>A mapping under <paramref name="key"/>; reports a missing required one or a value of another shape.</summary>
    public YamlMappingNode? Map(YamlMappingNode? parent, string key, string path, bool required) =>
        Node<YamlMappingNode>(parent, key, path, required, "must be a mapping");

    /// <summary>A list under <paramref name="key"/>; reports a missing required one or a value of another shape.</summary>
    public YamlSequenceNode? Seq(YamlMappingNode? parent, string key, string path, bool required) =>
        Node<YamlSequenceNode>(parent, key, path, required, "must be a list");

    /// <summary>A non-empty scalar under <paramref name="key"/>; reports a missing required one or an empty value.</summary>
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

    /// <summary>A finite number (invariant culture) under <paramref name="key"/>.</summary>
    public double? Number(YamlMappingNode? parent, string key, string path, bool required)
    {
        var text = Str(parent, key, path, required);
        if (text is null)
        {
            return null;
        }

        if (TryNumber(text, out var d))
        {
            return d;
        }

        Error(Get(parent, key), Join(path, key), $"'{text}' is not a number");
        return null;
    }

    /// <summary>An optional true or false under <paramref name="key"/>.</summary>
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

    /// <summary>Parses a finite number in the invariant culture.</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The dotted path of <paramref name="key"/> under <paramref name="path"/>.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>The path of item <paramref name="i"/> of the list at <paramref name="path"/>.</summary>
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
}
