using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Reads the fields of one YAML mapping by key, in any order, turning every problem into an error
/// with the value's position and the field's path. Keys outside <c>knownKeys</c> are reported once,
/// on construction, with the closest known key as a hint. Getters return null when the value is
/// missing or wrong (after recording why), so a caller can read every field and report all errors.
/// </summary>
internal sealed class MappingReader
{
    private static readonly string[] InfiniteSpellings = ["inf", ".inf", "infinite", "infinity"];

    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public MappingReader(YamlMappingNode node, string path, ErrorSink errors, IReadOnlyCollection<string> knownKeys)
    {
        Node = node;
        Path = path;
        Errors = errors;
        Read(node, knownKeys, merged: false, new HashSet<YamlMappingNode>(ReferenceEqualityComparer.Instance) { node });
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public ErrorSink Errors { get; }

    /// <summary>
    /// Reads the entries of <paramref name="node"/>; a YAML merge key (<c>&lt;&lt;: *anchor</c> or a list of
    /// anchors) adds the entries of the merged mappings that the mapping does not set itself.
    /// </summary>
    private void Read(YamlMappingNode node, IReadOnlyCollection<string> knownKeys, bool merged, HashSet<YamlMappingNode> visited)
    {
        var merges = new List<(YamlScalarNode Key, YamlNode Value)>();
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Errors.Add(keyNode, FieldOf("?"), "a key must be a plain name");
                continue;
            }
            if (key == "<<" && scalarKey.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                merges.Add((scalarKey, value));
                continue;
            }
            if (merged && _entries.ContainsKey(key))
            {
                continue;
            }
            if (!knownKeys.Contains(key))
            {
                // The key is quoted only as a short, sanitised excerpt: the file may be anything (a secrets file too).
                string shown = Excerpt.Of(key);
                string? near = Spelling.Closest(key, knownKeys);
                Errors.Add(keyNode, FieldOf(shown), $"unknown key '{shown}'"
                    + (near is null ? $"; known keys here: {string.Join(", ", knownKeys)}" : $" (did you mean '{near}'?)"));
                continue;
            }
            _entries[key] = (scalarKey, value);
        }
        foreach (var (mergeKey, value) in merges)
        {
            IEnumerable<YamlNode> sources = value is YamlSequenceNode list ? list.Children : [value];
            foreach (YamlNode source in sources)
            {
                if (source is YamlMappingNode mapping)
                {
                    // A mapping merged into itself (through aliases) is read once, not forever.
                    if (visited.Add(mapping))
                    {
                        Read(mapping, knownKeys, merged: true, visited);
                    }
                }
                else
                {
                    Errors.Add(mergeKey, FieldOf("<<"), "a merge key takes an alias of a mapping (<<: *name) or a list of them");
                }
            }
        }
    }

    public string FieldOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>Records an error at the value of <paramref name="key"/> (or at the mapping if the key is absent).</summary>
    public void ErrorAt(string key, string message) =>
        Errors.Add(_entries.TryGetValue(key, out var entry) ? entry.Value : Node, FieldOf(key), message);

    /// <summary>Records that a required key is absent; the error points at the start of this mapping.</summary>
    public void Missing(string key, string? why = null) =>
        Errors.Add(Node, FieldOf(key), $"missing required field '{key}'" + (why is null ? "" : $" ({why})"));

    /// <summary>If <paramref name="key"/> is present, records that it does not belong here and why.</summary>
    public bool Forbid(string key, string reason)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }
        Errors.Add(entry.Key, FieldOf(key), $"'{key}' {reason}");
        return true;
    }

    /// <summary>The text of a scalar value; null (with an error if required or malformed) otherwise.</summary>
    public string? Text(string key, bool required = false)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (required)
            {
                Missing(key);
            }
            return null;
        }
        return ScalarText(entry.Value, FieldOf(key), Errors);
    }

    /// <summary>A node, link or session id (<see cref="IdRule"/>).</summary>
    public string? Id(string key, bool required = true)
    {
        string? text = Text(key, required);
        if (text is not null && !IdRule.IsValid(text))
        {
            ErrorAt(key, $"'{text}' is not a valid id: it {IdRule.Requirement}");
            return null;
        }
        return text;
    }

    /// <summary>A unit-suffixed value converted to the internal unit of <paramref name="dimension"/>.</summary>
    public double? Quantity(string key, Dimension dimension, RangeRule bounds, bool required = false, bool allowInfinite = false)
    {
        string? text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (allowInfinite && InfiniteSpellings.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }
        if (!Scenarios.Quantity.TryParse(text, dimension, out Quantity quantity, out string error))
        {
            ErrorAt(key, error);
            return null;
        }
        return Check(key, quantity.Value, bounds, text);
    }

    /// <summary>A plain number (probabilities, intensities, efficiencies); a unit here is an error.</summary>
    public double? Number(string key, RangeRule bounds, bool required = false)
    {
        string? text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (!Scenarios.Quantity.TryParseNumber(text, out double value))
        {
            ErrorAt(key, Scenarios.Quantity.StartsWithNumber(text)
                ? $"'{text}' must be a plain number without a unit"
                : $"cannot read '{text}' as a number");
            return null;
        }
        return Check(key, value, bounds, text);
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; <c>1e6</c> is accepted.</summary>
    public long? Integer(string key, long min, long max, bool required = false)
    {
        string? text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (!Scenarios.Quantity.TryParseNumber(text, out double value) || value != Math.Floor(value))
        {
            ErrorAt(key, $"'{text}' must be a whole number");
            return null;
        }
        if (value < min || value > max)
        {
            string range = max == long.MaxValue || (max == int.MaxValue && min >= 0) ? $"at least {min}" : $"between {min} and {max}";
            ErrorAt(key, $"must be {range} (got {text})");
            return null;
        }
        return (long)value;
    }

    /// <summary><c>true</c> or <c>false</c>; null (with an error if malformed) otherwise.</summary>
    public bool? Flag(string key)
    {
        string? text = Text(key);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                ErrorAt(key, $"must be true or false (got '{text}')");
                return null;
        }
    }

    /// <summary>One of the spellings of <paramref name="names"/>; an unknown value lists the allowed ones.</summary>
    public T? Choice<T>(string key, NameTable<T> names, bool required = false)
        where T : struct, Enum
    {
        string? text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (names.TryGet(text, out T value))
        {
            return value;
        }
        ErrorAt(key, names.Problem(key, text)!);
        return null;
    }

    /// <summary>A nested mapping, read with its own known keys.</summary>
    public MappingReader? Mapping(string key, IReadOnlyCollection<string> knownKeys, bool required = false)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (required)
            {
                Missing(key);
            }
            return null;
        }
        return AsMapping(entry.Value, FieldOf(key), Errors, knownKeys);
    }

    /// <summary>A sequence's items; null (with an error if required or not a sequence) otherwise.</summary>
    public IReadOnlyList<YamlNode>? Sequence(string key, bool required = false)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (required)
            {
                Missing(key);
            }
            return null;
        }
        if (entry.Value is YamlSequenceNode sequence)
        {
            return [.. sequence.Children];
        }
        if (IsNull(entry.Value))
        {
            return [];
        }
        ErrorAt(key, $"expected a list, found {Describe(entry.Value)}");
        return null;
    }

    public static MappingReader? AsMapping(YamlNode node, string path, ErrorSink errors, IReadOnlyCollection<string> knownKeys)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, errors, knownKeys);
        }
        errors.Add(node, path, $"expected a mapping with keys such as {string.Join(", ", knownKeys.Take(4))}, found {Describe(node)}");
        return null;
    }

    public static string? ScalarText(YamlNode node, string field, ErrorSink errors)
    {
        if (node is not YamlScalarNode scalar)
        {
            errors.Add(node, field, $"expected a single value, found {Describe(node)}");
            return null;
        }
        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            errors.Add(node, field, "has no value");
            return null;
        }
        return scalar.Value!.Trim();
    }

    private double? Check(string key, double value, RangeRule bounds, string text)
    {
        if (bounds.Contains(value))
        {
            return value;
        }
        ErrorAt(key, $"{bounds.Requirement} (got {text})");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{Excerpt.Of(s.Value)}'",
        _ => node.NodeType.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
