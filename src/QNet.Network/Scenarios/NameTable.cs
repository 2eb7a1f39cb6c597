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

    /// <summary>
    /// Why <paramref name="text"/> is not a spelling of this enum (naming the <paramref name="key"/> it was given for, the
    /// allowed spellings and the nearest one), or null when it is one. Files and HTTP requests report the same phrase.
    /// </summary>
    public string? Problem(string key, string text)
    {
        if (TryGet(text, out _))
        {
            return null;
        }
        string? near = Spelling.Closest(text, Names);
        return $"unknown {key} '{text}'; allowed: {string.Join(", ", Names)}" + (near is null ? "" : $" (did you mean '{near}'?)");
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
