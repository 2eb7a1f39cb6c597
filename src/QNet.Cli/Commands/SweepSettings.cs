using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>Options of <c>qnet sweep</c>.</summary>
internal sealed class SweepSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Scenario file (YAML or JSON).")]
    public string File { get; init; } = "";

    [CommandOption("--set <PATH=VALUES>")]
    [Description("A swept field: PATH=a..b:step, PATH=v1,v2,... or PATH=v. PATH: duration, links.ID.length, nodes.r*.memory.t2 ('*' matches ids). Repeat for a grid.")]
    public string[] Set { get; init; } = [];

    [OptionRange(1, SimulateSettings.MaxRuns)]

    [CommandOption("--runs <N>")]
    [Description("Replications per point (default 1, at most 10000).")]
    [DefaultValue(1)]
    public int Runs { get; init; } = 1;

    [CommandOption("--duration <T>")]
    [Description("Simulated time per run; overrides the file's duration.")]
    public string? Duration { get; init; }

    [OptionRange(1, SimulateSettings.MaxThreads)]

    [CommandOption("--threads <N>")]
    [Description("Runs at once (default: all cores). Results do not depend on it.")]
    public int? Threads { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Write results.csv, results.json, rate.png and fidelity.png into DIR.")]
    public string? Out { get; init; }

    [CommandOption("--shard <I/N>")]
    [Description("Run only shard I of N (I from 0): every N-th (point, run) task. Writes DIR/shard-I-of-N.json for `qnet sweep merge`; needs --out.")]
    public string? Shard { get; init; }

    [OptionRange(1, QNet.Network.Sweeps.SweepShard.MaxCount)]

    [CommandOption("--emit-job <N>")]
    [Description("Write a Kubernetes Indexed Job of N shards and its merge Job into --out DIR instead of running.")]
    public int? EmitJob { get; init; }

    [CommandOption("--image <IMAGE>")]
    [Description("Container image holding `qnet` for --emit-job (default " + Sweeps.SweepJobManifest.DefaultImage + ").")]
    public string? Image { get; init; }

    [CommandOption("--json")]
    [Description("Write the JSON document to standard output instead of the table.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if (Set.Length == 0)
        {
            return ValidationResult.Error("give at least one --set PATH=VALUES, e.g. --set links.*.length=10km..100km:10km.");
        }
        if (Shard is not null && QNet.Network.Sweeps.SweepShard.TryParse(Shard, out string shardError) is null)
        {
            return ValidationResult.Error($"--shard {shardError}.");
        }
        if (Shard is not null && EmitJob is not null)
        {
            return ValidationResult.Error("--shard and --emit-job do not go together: the emitted Job gives each pod its --shard.");
        }
        if ((Shard is not null || EmitJob is not null) && Out is null)
        {
            return ValidationResult.Error($"{(Shard is not null ? "--shard" : "--emit-job")} needs --out DIR (where the {(Shard is not null ? "shard file goes" : "manifests go")}).");
        }
        if (Image is not null && EmitJob is null)
        {
            return ValidationResult.Error("--image applies only with --emit-job N.");
        }
        if (Image is not null && !Sweeps.SweepJobManifest.IsImageReference(Image))
        {
            return ValidationResult.Error($"--image '{Image}' is not a container image reference (e.g. registry.example/qnet:1.0).");
        }
        return ValidationResult.Success();
    }
}
