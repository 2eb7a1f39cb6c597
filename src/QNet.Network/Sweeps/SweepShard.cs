using System.Globalization;

namespace QNet.Network.Sweeps;

/// <summary>
/// One share of a sweep's (point, run) tasks: shard <see cref="Index"/> of <see cref="Count"/> owns task t
/// (t = point × runs + run) when t mod Count = Index. A task's seed depends only on its point and run, never
/// on the shard, so the shards of any count together give exactly the single-process result.
/// </summary>
/// <param name="Index">This shard, from 0.</param>
/// <param name="Count">Shards in all (≥ 1).</param>
public sealed record SweepShard(int Index, int Count)
{
    /// <summary>Most shards a sweep may be split into.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The whole sweep in one process.</summary>
    public static SweepShard Whole { get; } = new(0, 1);

    /// <summary>Index and count checked at construction.</summary>
    public int Index { get; } = Index >= 0 && Index < Count
        ? Index
        : throw new ArgumentOutOfRangeException(nameof(Index), Index, $"the shard index must be from 0 to {Count - 1}.");

    /// <summary>Shards in all, from 1 to <see cref="MaxCount"/>.</summary>
    public int Count { get; } = Count is >= 1 and <= MaxCount
        ? Count
        : throw new ArgumentOutOfRangeException(nameof(Count), Count, $"the shard count must be from 1 to {MaxCount}.");

    /// <summary>Whether this shard runs task <paramref name="task"/> (point × runs + run).</summary>
    public bool Owns(int task) => task % Count == Index;

    /// <summary>The tasks of <paramref name="taskCount"/> this shard runs, in increasing order.</summary>
    public IEnumerable<int> Tasks(int taskCount)
    {
        for (int t = Index; t < taskCount; t += Count)
        {
            yield return t;
        }
    }

    /// <summary>The shard as <c>I/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Parses <c>I/N</c> (shard I of N, I from 0 to N-1). Returns null and an error saying what is wrong otherwise.
    /// </summary>
    public static SweepShard? TryParse(string text, out string error)
    {
        error = "";
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            error = $"'{text}' is not I/N (shard I of N, I counted from 0, e.g. 0/4)";
            return null;
        }
        if (count is < 1 or > MaxCount)
        {
            error = $"'{text}': the shard count N must be from 1 to {MaxCount}";
            return null;
        }
        if (index >= count)
        {
            error = $"'{text}': the shard index I must be from 0 to {count - 1} (counted from 0)";
            return null;
        }
        return new SweepShard(index, count);
    }
}
