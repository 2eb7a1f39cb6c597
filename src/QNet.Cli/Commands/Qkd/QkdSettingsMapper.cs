using QNet.Network.Qkd;
using QNet.Network.Qkd.Bb84;
using QNet.Network.Qkd.Bbm92;
using QNet.Network.Qkd.PostProcessing;
using QNet.Network.Qkd.Sweep;
using QNet.Physics.Hardware;

namespace QNet.Cli.Commands.Qkd;

/// <summary>Turns command-line options into the sweep's parameter records (their constructors validate and name the field).</summary>
internal static class QkdSettingsMapper
{
    public static QkdProtocol Protocol(string text) => text.Trim().ToLowerInvariant() switch
    {
        "bb84-decoy" or "bb84" => QkdProtocol.Bb84Decoy,
        "bbm92" => QkdProtocol.Bbm92,
        _ => throw new FormatException($"--protocol: '{text}' is not bb84-decoy or bbm92."),
    };

    public static QkdSweepSettings ToSweep(QkdSettings s)
    {
        var protocol = Protocol(s.Protocol);
        var distances = QkdQuantityParser.LengthRangeMetres(s.Distance, "--distance");
        double attenuation = QkdQuantityParser.DbPerKm(s.Attenuation, "--attenuation");
        double window = QkdQuantityParser.Seconds(s.DetectionWindow, "--detection-window");
        Detector detector;
        if (s.DarkCountRate is not null)
        {
            if (s.DarkCountProbability is not null)
            {
                throw new FormatException("--dark-count-rate and --dark-count-probability are alternatives; give one.");
            }
            detector = new Detector(s.Efficiency, QkdQuantityParser.FrequencyHz(s.DarkCountRate, "--dark-count-rate"), window, s.Misalignment);
        }
        else
        {
            detector = new Detector(s.Efficiency, 0, window, s.Misalignment) { DarkCountProbability = s.DarkCountProbability ?? 1.7e-6 };
        }
        var link = new QkdLink(new FiberChannel(0, attenuation), detector);
        double rate = QkdQuantityParser.FrequencyHz(s.PulseRate, "--pulse-rate");
        var bb84 = new DecoyBb84Parameters(s.Signal, s.Decoy, s.Vacuum, s.SignalProbability, s.DecoyProbability,
            s.ZProbability ?? 0.8, rate, s.F, s.Afterpulse);
        var bbm92 = new Bbm92Parameters(s.MeanPairNumber, rate, s.ZProbability ?? 0.5, 0.5, s.F);
        var post = new PostProcessingOptions(s.EpsilonSecrecy, s.EpsilonCorrectness);
        return new QkdSweepSettings(protocol, link, distances, bb84, bbm92, post, s.BlockBits, s.Blocks, s.Seed);
    }
}
