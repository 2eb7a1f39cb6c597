using System.Diagnostics.CodeAnalysis;
using QNet.ControlPlane.Telemetry;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// What the observer keeps per link since start: the link's series (pairs heralded, the sum and sum of squares of their
/// fidelities, counted once) and detector clicks, together so that a herald (the twin's most frequent event) finds them
/// with one lookup, or none when a path's reporter keeps them.
/// </summary>
internal sealed class LinkHeralds(string id, LinkSeries series)
{
    public string Id { get; } = id;

    public LinkSeries Series { get; } = series;

    /// <summary>The link's detector click counts, found at its first click.</summary>
    public DetectorMetrics.LinkClicks? Clicks { get; set; }

    /// <summary>Pairs heralded since start (counted once, in the link's series).</summary>
    public long Pairs => Series.Pairs;

    public double FidelitySum => Series.FidelitySum;

    public double FidelitySquares => Series.FidelitySquares;

    /// <summary>One of the sums of every link as a read-only map, in the order the links first heralded.</summary>
    internal sealed class View<T>(Dictionary<string, LinkHeralds> links, Func<LinkHeralds, T> pick) : IReadOnlyDictionary<string, T>
    {
        public T this[string key] => pick(links[key]);

        public IEnumerable<string> Keys => links.Keys;

        public IEnumerable<T> Values => links.Values.Select(pick);

        public int Count => links.Count;

        public bool ContainsKey(string key) => links.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
        {
            if (links.TryGetValue(key, out var link))
            {
                value = pick(link);
                return true;
            }
            value = default;
            return false;
        }

        public IEnumerator<KeyValuePair<string, T>> GetEnumerator() =>
            links.Select(kv => new KeyValuePair<string, T>(kv.Key, pick(kv.Value))).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
