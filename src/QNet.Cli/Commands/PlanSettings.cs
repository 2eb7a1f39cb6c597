using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>Options of <c>qnet plan</c>; values are parsed by <see cref="PlanOptions"/>.</summary>
internal sealed class PlanSettings : CommandSettings
{
    [CommandOption("--distance <LENGTH>")]
    [Description("End-to-end distance, e.g. 400km (required).")]
    public string? Distance { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--target-fidelity <F>")]
    [Description("Fidelity every usable pair must reach (default 0.9).")]
    public double? TargetFidelity { get; init; }

    [CommandOption("--costs <FILE>")]
    [Description("Cost model (default scenarios/costs.yaml).")]
    [DefaultValue("scenarios/costs.yaml")]
    public string Costs { get; init; } = "scenarios/costs.yaml";

    [CommandOption("--repeaters <N>")]
    [Description("Repeater counts: a..b, a list or one number (default 0..8).")]
    public string? Repeaters { get; init; }

    [CommandOption("--attenuation <LIST>")]
    [Description("Fiber attenuations, e.g. 0.2dB/km,0.16dB/km (default 0.2dB/km).")]
    public string? Attenuation { get; init; }

    [CommandOption("--t2 <LIST>")]
    [Description("Memory T2 values, e.g. 1s,10s (default 1s).")]
    public string? T2 { get; init; }

    [CommandOption("--purification <LIST>")]
    [Description("Purification options, e.g. none,dejmps:1 (default none).")]
    public string? Purification { get; init; }

    [CommandOption("--heralding <SCHEME>")]
    [Description("Link scheme for every design (default double-click).")]
    public string? Heralding { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--detector-efficiency <P>")]
    [Description("Detector efficiency (default 0.9).")]
    public double? DetectorEfficiency { get; init; }

    [OptionRange(1, 1000)]

    [CommandOption("--memory-slots <N>")]
    [Description("Memory slots per link at each node (default 2; purification may need more).")]
    public int? MemorySlots { get; init; }

    [OptionRange(0, 1, MinExclusive = true)]

    [CommandOption("--swap-success <P>")]
    [Description("Swap success probability (default 1).")]
    public double? SwapSuccess { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--gate-depolarizing <P>")]
    [Description("Swap gate depolarising probability (default 0.01).")]
    public double? GateDepolarizing { get; init; }

    [CommandOption("--cutoff <T>")]
    [Description("Discard stored pairs older than this (default: no cutoff).")]
    public string? Cutoff { get; init; }

    [CommandOption("--duration <T>")]
    [Description("Simulated time per design and run (default 1s).")]
    public string? Duration { get; init; }

    [OptionRange(1, SimulateSettings.MaxRuns)]

    [CommandOption("--runs <N>")]
    [Description("Replications per design (default 1).")]
    public int? Runs { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Root seed (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--min-rate <HZ>")]
    [Description("Usable pairs per second the recommendation must reach, e.g. 1Hz (default: any).")]
    public string? MinRate { get; init; }

    [OptionRange(1, SimulateSettings.MaxThreads)]

    [CommandOption("--threads <N>")]
    [Description("Simulations at once (default: all cores). Results do not depend on it.")]
    public int? Threads { get; init; }

    [CommandOption("--json")]
    [Description("Write the JSON document to standard output instead of the table.")]
    public bool Json { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Write plan.csv, plan.json and plan.png (cost per usable pair vs rate, Pareto front) into DIR.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        Distance is null ? ValidationResult.Error("--distance is required, e.g. --distance 400km.")
        : ValidationResult.Success();
}
