using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Passes YAML parsing events through and stops with a <see cref="YamlException"/> when mappings and
/// lists nest deeper than <see cref="MaxDepth"/>: YamlDotNet builds its node tree recursively, so a
/// file of thousands of nested brackets would otherwise overflow the stack and kill the process.
/// It also stops at the first explicit tag (<c>!!python/object:...</c>, <c>!secret</c>, even
/// <c>!!str</c>): a scenario has no use for one, and a tag that is silently dropped hides what the
/// author meant (or what a hostile file asks a YAML library to construct).
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    /// <summary>Deepest nesting accepted; a scenario needs about five levels.</summary>
    public const int MaxDepth = 64;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }
        if (inner.Current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            throw new Refused(tagged.Start, tagged.End,
                $"YAML tags are not allowed in a scenario file (found '{Excerpt.Of(AsWritten(tagged.Tag.Value))}'); remove the tag and write the plain value");
        }
        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new YamlException(inner.Current.Start, inner.Current.End, $"mappings and lists nest deeper than {MaxDepth} levels");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }
        return true;
    }

    // The parser resolves the '!!' shorthand to the YAML core prefix; the error shows the tag as written.
    private static string AsWritten(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    /// <summary>A file refused for what it contains rather than for its syntax; the message is shown as is.</summary>
    internal sealed class Refused(Mark start, Mark end, string message) : YamlException(start, end, message);
}
