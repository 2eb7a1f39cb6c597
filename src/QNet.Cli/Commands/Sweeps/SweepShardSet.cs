using QNet.Network.Sweeps;

namespace QNet.Cli.Commands.Sweeps;

/// <summary>
/// The shard files given to <c>qnet sweep merge</c>, checked to be every shard of one sweep exactly once,
/// and combined into the table a single process would have written.
/// </summary>
/// <param name="First">Shard 0's file: the sweep's scenario, options and grid.</param>
/// <param name="Table">Every grid point summarised over its runs.</param>
/// <param name="WallSeconds">The longest shard's wall-clock seconds (shards run side by side).</param>
internal sealed record SweepShardSet(SweepShardFile First, SweepTable Table, double WallSeconds)
{
    /// <summary>
    /// Reads the shard files in <paramref name="inputs"/> (folders holding <c>shard-I-of-N.json</c> files, or the
    /// files themselves) and combines them. Null and an error naming the shard (and its file) when a shard is
    /// missing, given twice, from a different sweep, or not a shard file.
    /// </summary>
    public static SweepShardSet? TryCombine(IReadOnlyList<string> inputs, out string error)
    {
        error = "";
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                string[] found = Directory.GetFiles(input, SweepShardFile.Pattern).Order(StringComparer.Ordinal).ToArray();
                if (found.Length == 0)
                {
                    error = $"{input}: holds no shard files ({SweepShardFile.Pattern}, written by qnet sweep --shard I/N --out DIR)";
                    return null;
                }
                paths.AddRange(found);
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                error = $"{input}: no such folder or file";
                return null;
            }
        }
        var files = new List<(string Path, SweepShardFile File)>();
        foreach (string path in paths)
        {
            if (SweepShardFile.TryRead(path, out error) is not { } file)
            {
                return null;
            }
            files.Add((path, file));
        }
        var reference = files[0];
        foreach (var (path, file) in files.Skip(1))
        {
            if (reference.File.Difference(file) is { } difference)
            {
                error = $"shard {file.Name} ({path}) is from a different sweep than shard {reference.File.Name} ({reference.Path}): {difference}";
                return null;
            }
        }
        int count = reference.File.Shards;
        var byIndex = new (string Path, SweepShardFile File)?[count];
        foreach (var entry in files)
        {
            if (byIndex[entry.File.Shard] is { } earlier)
            {
                error = $"shard {entry.File.Name} is given twice: {earlier.Path} and {entry.Path}";
                return null;
            }
            byIndex[entry.File.Shard] = entry;
        }
        int[] missing = Enumerable.Range(0, count).Where(i => byIndex[i] is null).ToArray();
        if (missing.Length > 0)
        {
            string names = string.Join(", ", missing.Take(10).Select(i => $"{i}/{count} ({SweepShardFile.FileName(new SweepShard(i, count))})"));
            error = $"shard {names}{(missing.Length > 10 ? $" and {missing.Length - 10} more" : "")} missing: the sweep has {count} shards and {count - missing.Length} were given";
            return null;
        }
        var parameters = new List<SweepParameter>();
        foreach (string set in reference.File.Set)
        {
            if (SweepParameter.TryParse(set, out string setError) is not { } parameter)
            {
                error = $"{reference.Path}: set: {setError}";
                return null;
            }
            parameters.Add(parameter);
        }
        int tasks = (int)SweepRunner.PointCount(parameters) * reference.File.Runs;
        foreach (var (path, file) in byIndex.Select(e => e!.Value))
        {
            var shard = new SweepShard(file.Shard, count);
            if (file.Results.FirstOrDefault(f => !shard.Owns(f.Point * file.Runs + f.Run)) is { } stray)
            {
                error = $"shard {file.Name} ({path}) holds point {stray.Point} run {stray.Run}, which is not its share";
                return null;
            }
            int expected = shard.Tasks(tasks).Count();
            if (file.Results.Count != expected)
            {
                error = $"shard {file.Name} ({path}) holds {file.Results.Count} run(s) where its share is {expected}: the file is incomplete";
                return null;
            }
        }
        SweepTable? table = SweepTable.TryCombine(parameters, reference.File.Runs, reference.File.DurationSeconds,
            byIndex.SelectMany(e => e!.Value.File.Results), out string combineError);
        if (table is null)
        {
            error = $"the shards do not cover the grid: {combineError}";
            return null;
        }
        return new SweepShardSet(byIndex[0]!.Value.File, table, byIndex.Max(e => e!.Value.File.WallSeconds));
    }
}
