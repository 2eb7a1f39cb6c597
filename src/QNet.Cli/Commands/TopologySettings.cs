using System.ComponentModel;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>Options of <c>qnet topology SHAPE</c>; values are checked by <see cref="TopologyOptions"/> and the spec records.</summary>
internal sealed class TopologySettings : CommandSettings
{
    [CommandArgument(0, "<SHAPE>")]
    [Description("chain, star, grid or ring.")]
    public string Shape { get; init; } = "";

    [OptionRange(1, 100_000)]

    [CommandOption("--nodes <N>")]
    [Description("chain: all nodes incl. the two end nodes (default 3); ring: repeaters on the ring (default 6); star: leaves (default 4).")]
    public int? Nodes { get; init; }

    [OptionRange(1, 1000)]

    [CommandOption("--rows <N>")]
    [Description("grid: rows of repeaters (default 2).")]
    public int? Rows { get; init; }

    [OptionRange(1, 1000)]

    [CommandOption("--cols <N>")]
    [Description("grid: columns of repeaters (default 2).")]
    public int? Cols { get; init; }

    [CommandOption("--ends <WHERE>")]
    [Description("grid: end nodes at the 'corners' (default) or at 'all' repeaters.")]
    public string? Ends { get; init; }

    [CommandOption("--span <LENGTH>")]
    [Description("Length of every link (default 25km).")]
    public string? Span { get; init; }

    [CommandOption("--attenuation <DB_PER_KM>")]
    [Description("Fiber attenuation (default 0.2dB/km).")]
    public string? Attenuation { get; init; }

    [CommandOption("--heralding <SCHEME>")]
    [Description("single-click (default), double-click, direct, midpoint-source or probabilistic.")]
    public string? Heralding { get; init; }

    [OptionRange(0, 1, MinExclusive = true)]

    [CommandOption("--bright-state <A>")]
    [Description("single-click: bright-state population (default 0.1).")]
    public double? BrightState { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--detector-efficiency <P>")]
    [Description("Detector efficiency of physical links (default 1).")]
    public double? DetectorEfficiency { get; init; }

    [OptionRange(0, 1, MinExclusive = true)]

    [CommandOption("--success-probability <P>")]
    [Description("probabilistic: success per attempt (default: the span's fiber transmittance).")]
    public double? SuccessProbability { get; init; }

    [CommandOption("--attempt-duration <T>")]
    [Description("probabilistic: attempt duration (default: the span's round trip, 2L/c).")]
    public string? AttemptDuration { get; init; }

    [OptionRange(0.25, 1)]

    [CommandOption("--link-fidelity <F>")]
    [Description("probabilistic: Werner fidelity of a link pair (default 0.99).")]
    public double? LinkFidelity { get; init; }

    [OptionRange(1, 10_000)]

    [CommandOption("--memory-slots <N>")]
    [Description("Memory slots per link at every node (default 2); a node with d links gets d×N.")]
    public int? MemorySlots { get; init; }

    [CommandOption("--t2 <T>")]
    [Description("Memory T2 of every node (default inf).")]
    public string? T2 { get; init; }

    [CommandOption("--swap <PROTOCOL>")]
    [Description("asap (default) or nested.")]
    public string? Swap { get; init; }

    [OptionRange(0, 1, MinExclusive = true)]

    [CommandOption("--swap-success <P>")]
    [Description("Bell-state measurement success probability (default 1).")]
    public double? SwapSuccess { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--gate-depolarizing <P>")]
    [Description("Swap gate depolarising probability (default 0).")]
    public double? GateDepolarizing { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--readout-error <P>")]
    [Description("Swap readout flip probability per bit (default 0).")]
    public double? ReadoutError { get; init; }

    [CommandOption("--session")]
    [Description("Add a raw session s1 between the two farthest end nodes.")]
    public bool Session { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--min-fidelity <F>")]
    [Description("with --session: the session's fidelity target (default 0).")]
    public double? MinFidelity { get; init; }

    [CommandOption("--purification <SCHEME:ROUNDS>")]
    [Description("with --session: none (default), dejmps:N or bbpssw:N.")]
    public string? Purification { get; init; }

    [CommandOption("--cutoff <T>")]
    [Description("with --session: discard stored pairs older than this.")]
    public string? Cutoff { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Scenario name (default: the shape).")]
    public string? Name { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Scenario seed (default 1).")]
    public ulong? Seed { get; init; }

    [CommandOption("--duration <T>")]
    [Description("Scenario duration (default 10s).")]
    public string? Duration { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Write the scenario here (default: standard output).")]
    public string? Out { get; init; }
}
