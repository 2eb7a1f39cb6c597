using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace QNet.Network.Scenarios.Loading;

/// <summary>
/// Passes YAML parsing events through and stops with a <see cref="YamlException"/> when mappings and
/// lists nest deeper than <see cref="MaxDepth"/>: YamlDotNet builds its node tree recursively, so a
/// file of thousands of nested brackets would otherwise overflow the stack and kill the process.
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
}
