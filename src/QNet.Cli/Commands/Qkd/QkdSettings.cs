using System.ComponentModel;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Qkd;

/// <summary>Options of <c>qnet qkd</c>; link parameters follow the scenario file's names.</summary>
internal sealed class QkdSettings : CommandSettings
{
    [CommandOption("--protocol <PROTOCOL>")]
    [Description("bb84-decoy (default) or bbm92.")]
    [DefaultValue("bb84-decoy")]
    public string Protocol { get; init; } = "bb84-decoy";

    [CommandOption("--distance <RANGE>")]
    [Description("A length or a range FROM..TO:STEP, e.g. 0km..200km:10km.")]
    [DefaultValue("0km..200km:10km")]
    public string Distance { get; init; } = "0km..200km:10km";

    [CommandOption("--attenuation <DB_PER_KM>")]
    [Description("Fiber attenuation, e.g. 0.21dB/km.")]
    [DefaultValue("0.21dB/km")]
    public string Attenuation { get; init; } = "0.21dB/km";

    [CommandOption("--efficiency <ETA>")]
    [Description("Detector efficiency, 0..1.")]
    [DefaultValue(0.045)]
    public double Efficiency { get; init; } = 0.045;

    [CommandOption("--dark-count-probability <P>")]
    [Description("Dark-click probability per detection window (Y0).")]
    public double? DarkCountProbability { get; init; }

    [CommandOption("--dark-count-rate <RATE>")]
    [Description("Dark-count rate, e.g. 1700Hz (with --detection-window); alternative to --dark-count-probability.")]
    public string? DarkCountRate { get; init; }

    [CommandOption("--detection-window <TIME>")]
    [Description("Detection window, e.g. 1ns.")]
    [DefaultValue("1ns")]
    public string DetectionWindow { get; init; } = "1ns";

    [CommandOption("--misalignment <E_D>")]
    [Description("Optical misalignment error e_d.")]
    [DefaultValue(0.033)]
    public double Misalignment { get; init; } = 0.033;

    [CommandOption("--pulse-rate <RATE>")]
    [Description("Pulse (or pump) rate, e.g. 2MHz.")]
    [DefaultValue("2MHz")]
    public string PulseRate { get; init; } = "2MHz";

    [CommandOption("--signal <MU>")]
    [Description("Signal intensity μ1 (mean photon number).")]
    [DefaultValue(0.4)]
    public double Signal { get; init; } = 0.4;

    [CommandOption("--decoy <NU>")]
    [Description("Decoy intensity μ2.")]
    [DefaultValue(0.2)]
    public double Decoy { get; init; } = 0.2;

    [CommandOption("--vacuum <MU3>")]
    [Description("Weakest intensity μ3 (0 = vacuum).")]
    [DefaultValue(0.0)]
    public double Vacuum { get; init; }

    [CommandOption("--signal-probability <P>")]
    [DefaultValue(0.4)]
    public double SignalProbability { get; init; } = 0.4;

    [CommandOption("--decoy-probability <P>")]
    [DefaultValue(0.4)]
    public double DecoyProbability { get; init; } = 0.4;

    [CommandOption("--z-probability <P>")]
    [Description("Probability of the Z (key) basis for each party.")]
    public double? ZProbability { get; init; }

    [CommandOption("--afterpulse <P>")]
    [Description("After-pulse probability per click.")]
    [DefaultValue(0.0)]
    public double Afterpulse { get; init; }

    [CommandOption("--mean-pair-number <MU>")]
    [Description("BBM92: mean pairs per pump pulse (2λ).")]
    [DefaultValue(0.1)]
    public double MeanPairNumber { get; init; } = 0.1;

    [CommandOption("-f|--error-correction-efficiency <F>")]
    [Description("Error-correction efficiency assumed by the theoretical rate.")]
    [DefaultValue(1.22)]
    public double F { get; init; } = 1.22;

    [CommandOption("--block-bits <N>")]
    [Description("Sifted key bits per post-processing block.")]
    [DefaultValue(1_000_000)]
    public int BlockBits { get; init; } = 1_000_000;

    [CommandOption("--blocks <N>")]
    [Description("Blocks per distance.")]
    [DefaultValue(1)]
    public int Blocks { get; init; } = 1;

    [CommandOption("--epsilon-sec <EPS>")]
    [DefaultValue(1e-10)]
    public double EpsilonSecrecy { get; init; } = 1e-10;

    [CommandOption("--epsilon-cor <EPS>")]
    [DefaultValue(1e-15)]
    public double EpsilonCorrectness { get; init; } = 1e-15;

    [CommandOption("--seed <SEED>")]
    [DefaultValue(1UL)]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--threads <N>")]
    [Description("Distances run in parallel (default: all cores).")]
    [DefaultValue(-1)]
    public int Threads { get; init; } = -1;

    [CommandOption("--json")]
    [Description("Print JSON instead of a table.")]
    public bool Json { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Write qkd.json and keyrate.png into DIR.")]
    public string? Out { get; init; }
}
