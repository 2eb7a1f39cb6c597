using System.Text;

namespace QNet.Sre.Evaluation;

/// <summary>An immutable, sorted set of labels (without the metric name) with value equality.</summary>
internal sealed class LabelSet : IEquatable<LabelSet>
{
    private readonly KeyValuePair<string, string>[] _pairs;
    private readonly string _key;

    public LabelSet(IEnumerable<KeyValuePair<string, string>> labels)
    {
        _pairs = labels.Where(kv => kv.Value.Length > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        foreach (var (k, v) in _pairs)
        {
            sb.Append(k).Append('\xff').Append(v).Append('\xff');
        }

        _key = sb.ToString();
    }

    public static LabelSet Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public string Get(string name) => _pairs.FirstOrDefault(kv => kv.Key == name).Value ?? "";

    public LabelSet Keep(IReadOnlyList<string> names) => new(_pairs.Where(kv => names.Contains(kv.Key)));

    public LabelSet With(IReadOnlyDictionary<string, string> extra) =>
        new(_pairs.Where(kv => !extra.ContainsKey(kv.Key)).Concat(extra));

    public Dictionary<string, string> ToDictionary() => _pairs.ToDictionary(kv => kv.Key, kv => kv.Value);

    public bool Equals(LabelSet? other) => other is not null && other._key == _key;

    public override bool Equals(object? obj) => obj is LabelSet l && Equals(l);

    public override int GetHashCode() => _key.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(LabelSet other) => string.CompareOrdinal(_key, other._key);

    public override string ToString() => "{" + string.Join(", ", _pairs.Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";
}
