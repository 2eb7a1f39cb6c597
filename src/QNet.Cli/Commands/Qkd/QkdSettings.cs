using System.ComponentModel;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Qkd;

/// <summary>
/// Options of <c>qnet qkd</c>; link parameters follow the scenario file's names. Every option is
/// nullable so that, with a scenario FILE, only the options actually given override the file; the
/// defaults (in the descriptions) are applied by <see cref="QkdSettingsMapper"/>.
/// </summary>
internal sealed class QkdSettings : CommandSettings
{
    [CommandArgument(0, "[FILE]")]
    [Description("Scenario file: every link with a qkd block is simulated at its length (or over --distance); options override the file.")]
    public string? File { get; init; }

    [CommandOption("--protocol <PROTOCOL>")]
    [Description("bb84-decoy (default) or bbm92.")]
    public string? Protocol { get; init; }

    [CommandOption("--distance <RANGE>")]
    [Description("A length or a range FROM..TO:STEP (default 0km..200km:10km, or each link's length with FILE).")]
    public string? Distance { get; init; }

    [CommandOption("--attenuation <DB_PER_KM>")]
    [Description("Fiber attenuation (default 0.21dB/km).")]
    public string? Attenuation { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--efficiency <ETA>")]
    [Description("Detector efficiency, 0..1 (default 0.045).")]
    public double? Efficiency { get; init; }

    [OptionRange(0, 1)]

    [CommandOption("--dark-count-probability <P>")]
    [Description("Dark-click probability per detection window, Y0 (default 1.7e-6).")]
    public double? DarkCountProbability { get; init; }

    [CommandOption("--dark-count-rate <RATE>")]
    [Description("Dark-count rate, e.g. 1700Hz (with --detection-window); alternative to --dark-count-probability.")]
    public string? DarkCountRate { get; init; }

    [CommandOption("--detection-window <TIME>")]
    [Description("Detection window (default 1ns).")]
    public string? DetectionWindow { get; init; }

    [OptionRange(0, 0.5)]

    [CommandOption("--misalignment <E_D>")]
    [Description("Optical misalignment error e_d (default 0.033).")]
    public double? Misalignment { get; init; }

    [CommandOption("--pulse-rate <RATE>")]
    [Description("Pulse (or pump) rate (default 2MHz).")]
    public string? PulseRate { get; init; }

    [OptionRange(0, 100, MinExclusive = true, Meaning = "mean photons per pulse")]

    [CommandOption("--signal <MU>")]
    [Description("Signal intensity μ1, mean photon number (default 0.4).")]
    public double? Signal { get; init; }

    [OptionRange(0, 100, MinExclusive = true, Meaning = "mean photons per pulse, below --signal")]

    [CommandOption("--decoy <NU>")]
    [Description("Decoy intensity μ2 (default 0.2).")]
    public double? Decoy { get; init; }

    [OptionRange(0, 100, Meaning = "mean photons per pulse, below --decoy")]

    [CommandOption("--vacuum <MU3>")]
    [Description("Weakest intensity μ3, 0 = vacuum (default 0).")]
    public double? Vacuum { get; init; }

    [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]

    [CommandOption("--signal-probability <P>")]
    public double? SignalProbability { get; init; }

    [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]

    [CommandOption("--decoy-probability <P>")]
    public double? DecoyProbability { get; init; }

    [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]

    [CommandOption("--z-probability <P>")]
    [Description("Probability of the Z (key) basis for each party (default 0.8 for bb84-decoy, 0.5 for bbm92).")]
    public double? ZProbability { get; init; }

    [OptionRange(0, 1, MaxExclusive = true)]

    [CommandOption("--afterpulse <P>")]
    [Description("After-pulse probability per click (default 0).")]
    public double? Afterpulse { get; init; }

    [OptionRange(0, 10, MinExclusive = true)]

    [CommandOption("--mean-pair-number <MU>")]
    [Description("BBM92: mean pairs per pump pulse, 2λ (default 0.1).")]
    public double? MeanPairNumber { get; init; }

    [OptionRange(1, 10)]

    [CommandOption("-f|--error-correction-efficiency <F>")]
    [Description("Error-correction efficiency assumed by the theoretical rate (default 1.22).")]
    public double? F { get; init; }

    [OptionRange(1, 50_000_000)]

    [CommandOption("--block-bits <N>")]
    [Description("Sifted key bits per post-processing block (default 1000000).")]
    public int? BlockBits { get; init; }

    [OptionRange(1, 1000)]

    [CommandOption("--blocks <N>")]
    [Description("Blocks per distance (default 1).")]
    public int? Blocks { get; init; }

    [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]

    [CommandOption("--epsilon-sec <EPS>")]
    public double? EpsilonSecrecy { get; init; }

    [OptionRange(0, 1, MinExclusive = true, MaxExclusive = true)]

    [CommandOption("--epsilon-cor <EPS>")]
    public double? EpsilonCorrectness { get; init; }

    [CommandOption("--seed <SEED>")]
    public ulong? Seed { get; init; }

    [OptionRange(1, SimulateSettings.MaxThreads)]

    [CommandOption("--threads <N>")]
    [Description("Distances run in parallel (default: all cores).")]
    public int? Threads { get; init; }

    [CommandOption("--json")]
    [Description("Print JSON instead of a table.")]
    public bool Json { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Write qkd.json and keyrate.png into DIR.")]
    public string? Out { get; init; }
}
