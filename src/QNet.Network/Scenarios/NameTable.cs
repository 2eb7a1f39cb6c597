namespace QNet.Network.Scenarios;

/// <summary>The file spellings of one enum, in the order they are listed in messages and docs.</summary>
internal sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public NameTable(params (string Name, T Value)[] entries) => _entries = entries;

    /// <summary>Every accepted spelling, in declared order.</summary>
    public IReadOnlyList<string> Names => [.. _entries.Select(e => e.Name)];

    /// <summary>Looks up a spelling (case-sensitive, as written in files).</summary>
    public bool TryGet(string name, out T value)
    {
        foreach (var (entryName, entryValue) in _entries)
        {
            if (string.Equals(entryName, name, StringComparison.Ordinal))
            {
                value = entryValue;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The spelling of <paramref name="value"/>.</summary>
    public string NameOf(T value)
    {
        foreach (var (entryName, entryValue) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(entryValue, value))
            {
                return entryName;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no file spelling for this value.");
    }
}
