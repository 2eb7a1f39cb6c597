using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Qkd;
using QNet.Qkd.Bb84;
using QNet.Qkd.Bbm92;
using QNet.Qkd.PostProcessing;
using QNet.Qkd.Sweep;

namespace QNet.Cli.Commands.Qkd;

/// <summary>
/// Turns command-line options, alone or over a scenario link's <c>qkd</c> block, into the sweep's
/// parameter records (their constructors validate and name the field). An option given on the
/// command line wins over the file; a value neither gives takes the command's default.
/// </summary>
internal static class QkdSettingsMapper
{
    /// <summary>Distances swept without a scenario file.</summary>
    public const string DefaultDistance = "0km..200km:10km";

    /// <summary>Share of the security parameter ε given to ε_cor when it comes from a file (ε_cor = 10⁻⁵ ε, the rest to ε_sec).</summary>
    private const double CorrectnessShare = 1e-5;

    /// <summary>The command line's shorthand for <c>bb84-decoy</c> (the option, unlike a file, ignores case and accepts it).</summary>
    private const string Bb84Shorthand = "bb84";

    /// <summary>Reads <c>--protocol</c>: a scenario spelling (<see cref="ScenarioNames"/>) in any case, or <c>bb84</c>.</summary>
    public static QkdProtocol Protocol(string text)
    {
        string name = text.Trim().ToLowerInvariant();
        if (name == Bb84Shorthand)
        {
            return QkdProtocol.Bb84Decoy;
        }
        return ScenarioNames.TryQkdProtocol(name, out QkdProtocol protocol)
            ? protocol
            : throw new FormatException($"--protocol: '{text}' is not {ScenarioNames.Alternatives(ScenarioNames.QkdProtocolNames)}.");
    }

    /// <summary>The sweep of the options alone (no scenario file).</summary>
    public static QkdSweepSettings ToSweep(QkdSettings s) => Build(s, link: null);

    /// <summary>The sweep of one scenario link that has a <c>qkd</c> block, with the options as overrides.</summary>
    public static QkdSweepSettings ToSweep(QkdSettings s, LinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Qkd is null)
        {
            throw new ArgumentException($"link {link.Id} has no qkd block.", nameof(link));
        }
        if (link.Medium != LinkMedium.Fiber)
        {
            throw new FormatException($"link {link.Id}: qnet qkd sweeps fiber links only.");
        }
        return Build(s, link);
    }

    private static QkdSweepSettings Build(QkdSettings s, LinkSpec? link)
    {
        QkdSpec? q = link?.Qkd;
        QkdProtocol protocol = s.Protocol is { } p ? Protocol(p) : q?.Protocol ?? QkdProtocol.Bb84Decoy;
        IReadOnlyList<double> distances = s.Distance is not null || link is null
            ? LengthRangeMetres(s.Distance ?? DefaultDistance, "--distance")
            : [link.LengthMetres ?? 0];
        double attenuation = s.Attenuation is { } a ? Parse(a, Dimension.Attenuation, "--attenuation") : link?.AttenuationDbPerKm ?? QkdLink.ReferenceAttenuationDbPerKm;

        Detector fileDetector = link is null ? QkdLink.ReferenceDetector() : link.Detector ?? new Detector();
        double window = s.DetectionWindow is { } w ? Parse(w, Dimension.Duration, "--detection-window") : fileDetector.DetectionWindowSeconds;
        double efficiency = s.Efficiency ?? fileDetector.Efficiency;
        double misalignment = s.Misalignment ?? fileDetector.Misalignment;
        Detector detector;
        if (s.DarkCountRate is { } rateText)
        {
            if (s.DarkCountProbability is not null)
            {
                throw new FormatException("--dark-count-rate and --dark-count-probability are alternatives; give one.");
            }
            detector = new Detector(efficiency, Parse(rateText, Dimension.Frequency, "--dark-count-rate"), window, misalignment);
        }
        else
        {
            detector = new Detector(efficiency, 0, window, misalignment) { DarkCountProbability = s.DarkCountProbability ?? fileDetector.DarkCountProbability };
        }
        var qkdLink = new QkdLink(new FiberChannel(0, attenuation), detector);

        double sourceRate = link?.Source?.RepetitionRateHz is { } r && double.IsFinite(r) && protocol == QkdProtocol.Bbm92 ? r : DecoyBb84Parameters.DefaultPulseRateHz;
        double rate = s.PulseRate is { } pr ? Parse(pr, Dimension.Frequency, "--pulse-rate") : q?.PulseRateHz ?? sourceRate;
        double f = s.F ?? q?.ErrorCorrectionEfficiency ?? DecoyBb84Parameters.DefaultErrorCorrectionEfficiency;
        DecoyIntensities? intensities = q?.Intensities;
        DecoyIntensities? probabilities = q is null ? null : q.IntensityProbabilities ?? QkdSpec.DefaultIntensityProbabilities;
        var bb84 = new DecoyBb84Parameters(
            s.Signal ?? intensities?.Signal ?? DecoyBb84Parameters.DefaultSignalIntensity,
            s.Decoy ?? intensities?.Decoy ?? DecoyBb84Parameters.DefaultDecoyIntensity,
            s.Vacuum ?? intensities?.Vacuum ?? DecoyBb84Parameters.DefaultVacuumIntensity,
            s.SignalProbability ?? probabilities?.Signal ?? DecoyBb84Parameters.DefaultSignalProbability,
            s.DecoyProbability ?? probabilities?.Decoy ?? DecoyBb84Parameters.DefaultDecoyProbability,
            s.ZProbability ?? q?.ZBasisProbability ?? DecoyBb84Parameters.DefaultZBasisProbability, rate, f, s.Afterpulse ?? q?.AfterPulseProbability ?? 0);
        var bbm92 = new Bbm92Parameters(s.MeanPairNumber ?? q?.MeanPairNumber ?? Bbm92Parameters.DefaultMeanPairNumber, rate,
            s.ZProbability ?? q?.ZBasisProbability ?? Bbm92Parameters.DefaultZBasisProbability, 0.5, f);

        double epsilon = q?.SecurityParameter ?? 1e-10 + 1e-15;
        var post = new PostProcessingOptions(
            s.EpsilonSecrecy ?? (q is null ? 1e-10 : epsilon * (1 - CorrectnessShare)),
            s.EpsilonCorrectness ?? (q is null ? 1e-15 : epsilon * CorrectnessShare));
        long blockBits = s.BlockBits ?? q?.BlockSizeBits ?? QkdSpec.DefaultBlockSizeBits;
        if (blockBits > int.MaxValue)
        {
            throw new FormatException($"blockSize: {blockBits} bits is too large for one block.");
        }
        return new QkdSweepSettings(protocol, qkdLink, distances, bb84, bbm92, post, (int)blockBits, s.Blocks ?? 1, s.Seed ?? 1);
    }

    /// <summary>A single length or a range <c>FROM..TO:STEP</c> of lengths, in metres, both ends included.</summary>
    public static IReadOnlyList<double> LengthRangeMetres(string text, string option)
    {
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return [Parse(text, Dimension.Length, option)];
        }
        int colon = text.IndexOf(':', dots);
        if (colon < 0)
        {
            throw new FormatException($"{option}: a range needs a step, as in 0km..200km:10km.");
        }
        double from = Parse(text[..dots], Dimension.Length, option);
        double to = Parse(text[(dots + 2)..colon], Dimension.Length, option);
        double step = Parse(text[(colon + 1)..], Dimension.Length, option);
        if (step <= 0 || to < from)
        {
            throw new FormatException($"{option}: a range must go upwards with a positive step.");
        }
        var values = new List<double>();
        for (int i = 0; ; i++)
        {
            double v = from + i * step;
            if (v > to + step * 1e-9)
            {
                break;
            }
            values.Add(v);
            if (values.Count > 10_000)
            {
                throw new FormatException($"{option}: more than 10 000 distances.");
            }
        }
        return values;
    }

    /// <summary>A unit-suffixed value through the scenario layer's parser, in its internal unit; the error names the option.</summary>
    private static double Parse(string text, Dimension dimension, string option) =>
        Quantity.TryParse(text, dimension, out Quantity quantity, out string error)
            ? quantity.Value
            : throw new FormatException($"{option}: {error}");
}
