using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Sweeps;

/// <summary>Options of <c>qnet sweep merge</c>.</summary>
internal sealed class SweepMergeSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("Folders holding shard-I-of-N.json files (from qnet sweep --shard I/N --out DIR), or the files themselves.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Write results.csv, results.json, rate.png and fidelity.png into DIR, as a single-machine sweep would.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        Out is null ? ValidationResult.Error("give --out DIR: where the merged results.csv, results.json and plots go.") : ValidationResult.Success();
}
