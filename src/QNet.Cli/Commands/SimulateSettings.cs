using System.ComponentModel;
using QNet.Network.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>Options of <c>qnet simulate</c>.</summary>
internal sealed class SimulateSettings : CommandSettings
{
    /// <summary>Most replications of one command: each keeps its results until the report, so the bound caps memory.</summary>
    public const int MaxRuns = 10_000;

    /// <summary>Most threads asked for; more than the machine's cores only adds contention.</summary>
    public const int MaxThreads = 1024;

    [CommandArgument(0, "<FILE>")]
    [Description("Scenario file (YAML or JSON).")]
    public string File { get; init; } = "";

    [CommandOption("--seed <N>")]
    [Description("Root seed; overrides the file's seed.")]
    public ulong? Seed { get; init; }

    [CommandOption("--duration <T>")]
    [Description("Simulated time, e.g. 60s or 1h; overrides the file's duration.")]
    public string? Duration { get; init; }

    [OptionRange(1, MaxRuns)]

    [CommandOption("--runs <N>")]
    [Description("Independent replications, run in parallel (default 1, at most 10000). Reports means and standard errors.")]
    [DefaultValue(1)]
    public int Runs { get; init; } = 1;

    [CommandOption("--json")]
    [Description("Write a machine-readable JSON document to standard output instead of the table.")]
    public bool Json { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Also write result.json, links.csv and runs.csv into DIR.")]
    public string? Out { get; init; }

    [CommandOption("--engine <ENGINE>")]
    [Description("Link engine: skipping (default; jumps over failed attempts) or per-attempt (one event per attempt).")]
    [DefaultValue("skipping")]
    public string Engine { get; init; } = "skipping";

    [OptionRange(1, MaxThreads)]

    [CommandOption("--threads <N>")]
    [Description("Replications run at once (default: all cores). Results do not depend on it.")]
    public int? Threads { get; init; }

    /// <summary>The duration override in seconds, if given.</summary>
    public double? DurationSeconds => Duration is null ? null : Quantity.Parse(Duration, Dimension.Duration).Value;

    public override ValidationResult Validate()
    {
        if (Engine is not ("skipping" or "per-attempt"))
        {
            return ValidationResult.Error($"--engine must be 'skipping' or 'per-attempt', not '{Engine}'.");
        }
        if (Duration is not null)
        {
            if (!Quantity.TryParse(Duration, Dimension.Duration, out Quantity q, out string error))
            {
                return ValidationResult.Error($"--duration: {error}");
            }
            if (q.Value <= 0 || q.Value > Scenario.MaxDurationSeconds)
            {
                return ValidationResult.Error("--duration must be greater than 0 and at most 100 days.");
            }
        }
        return ValidationResult.Success();
    }
}
