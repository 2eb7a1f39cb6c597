using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using QNet.Network.Sweeps;

namespace QNet.Cli.Commands.Sweeps;

/// <summary>
/// The partial result one shard of <c>qnet sweep --shard I/N</c> writes: what was swept (scenario digest,
/// <c>--set</c> values, runs, duration) so <c>qnet sweep merge</c> can tell shards of different sweeps apart,
/// and the raw figures of its (point, run) tasks, doubles in round-trip form so the merge sums the same numbers.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Shard">This shard's index, from 0.</param>
/// <param name="Shards">Shards in all.</param>
/// <param name="Scenario">The scenario path as given on the command line (reported by the merged JSON).</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario file's text, lower-case hex.</param>
/// <param name="Set">The <c>--set</c> values, in order.</param>
/// <param name="Runs">Replications per point.</param>
/// <param name="DurationSeconds">Simulated seconds per run.</param>
/// <param name="Points">Grid points of the whole sweep.</param>
/// <param name="WallSeconds">Wall-clock seconds this shard took (kept apart: it differs from run to run).</param>
/// <param name="Results">This shard's tasks, in task order.</param>
internal sealed record SweepShardFile(string Format, int Shard, int Shards, string Scenario, string ScenarioSha256, IReadOnlyList<string> Set,
    int Runs, double DurationSeconds, int Points, double WallSeconds, IReadOnlyList<SweepRunFigures> Results)
{
    /// <summary>The format name and version written in every shard file.</summary>
    public const string FormatName = "qnet-sweep-shard/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // NaN marks a figure without a value (no pairs); it must survive the round trip.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The file name of shard <paramref name="shard"/>: <c>shard-I-of-N.json</c>.</summary>
    public static string FileName(SweepShard shard) => string.Create(CultureInfo.InvariantCulture, $"shard-{shard.Index}-of-{shard.Count}.json");

    /// <summary>The glob matching every shard file in a folder.</summary>
    public const string Pattern = "shard-*-of-*.json";

    /// <summary>SHA-256 of a scenario's text, lower-case hex.</summary>
    public static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The shard as <c>I/N</c>, for messages.</summary>
    [JsonIgnore]
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Shard}/{Shards}");

    /// <summary>Serialises the file.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a shard file; null and an error naming the file and the problem when it is not one.</summary>
    public static SweepShardFile? TryRead(string path, out string error)
    {
        error = "";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{path}: cannot be read ({e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})";
            return null;
        }
        SweepShardFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SweepShardFile>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $":{line + 1}" : "";
            error = $"{path}{where}: not a qnet sweep shard file (the JSON does not read as one; was it cut short?)";
            return null;
        }
        if (file is null || file.Format != FormatName)
        {
            error = $"{path}: format: expected '{FormatName}', found '{file?.Format}'";
            return null;
        }
        if (file.Shards is < 1 or > SweepShard.MaxCount || file.Shard < 0 || file.Shard >= file.Shards)
        {
            error = $"{path}: shard: {file.Shard}/{file.Shards} is not a shard I/N with I from 0 to N-1";
            return null;
        }
        if (file.Set is null || file.Results is null || file.Scenario is null || file.ScenarioSha256 is null)
        {
            error = $"{path}: not a qnet sweep shard file (set, results, scenario and scenarioSha256 are required)";
            return null;
        }
        return file;
    }

    /// <summary>What makes <paramref name="other"/> part of a different sweep than this one; null when they match.</summary>
    public string? Difference(SweepShardFile other)
    {
        if (other.ScenarioSha256 != ScenarioSha256)
        {
            return "the scenario file's content differs";
        }
        if (other.Scenario != Scenario)
        {
            return $"the scenario path differs ('{other.Scenario}' against '{Scenario}')";
        }
        if (!other.Set.SequenceEqual(Set))
        {
            return $"the --set values differ ({string.Join(' ', other.Set)} against {string.Join(' ', Set)})";
        }
        if (other.Runs != Runs)
        {
            return $"--runs differs ({other.Runs} against {Runs})";
        }
        if (!other.DurationSeconds.Equals(DurationSeconds))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the duration differs ({other.DurationSeconds} s against {DurationSeconds} s)");
        }
        if (other.Shards != Shards)
        {
            return $"the shard count differs ({other.Shards} against {Shards})";
        }
        return null;
    }
}
