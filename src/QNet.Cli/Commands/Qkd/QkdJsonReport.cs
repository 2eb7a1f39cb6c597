using System.Text.Json;
using System.Text.Json.Serialization;
using QNet.Qkd.Sweep;

namespace QNet.Cli.Commands.Qkd;

/// <summary>The JSON document of <c>qnet qkd --json</c> (camelCase; non-finite numbers become null).</summary>
internal static class QkdJsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    internal sealed record Point(
        double DistanceKm, double ChannelTransmittance, long Pulses, double Gain, double? TheoreticalGain, double Qber, double? TheoreticalQber,
        long SiftedBits, long SecretBits, double? ErrorCorrectionEfficiency, int DiscardedBlocks,
        double SecretKeyRateBitsPerPulse, double SecretKeyRateBitsPerSecond,
        double AsymptoticKeyRateBitsPerPulse, double PracticalAsymptoticKeyRateBitsPerPulse, double? PlobBoundBitsPerPulse);

    internal sealed record Document(string Protocol, double? MaxDistanceKm, IReadOnlyList<Point> Points, string? Plot, string? Link = null);

    /// <summary>The document of a scenario file: one sweep per link with a qkd block.</summary>
    internal sealed record FileDocument(string Scenario, IReadOnlyList<Document> Links);

    public static string Serialize(QkdSweepResult result, string protocol, string? plotPath) =>
        JsonSerializer.Serialize(ToDocument(result, protocol, plotPath, link: null), Options);

    /// <summary>Serialises one sweep's document.</summary>
    public static string Serialize(Document document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Serialises the sweeps of a scenario file's links.</summary>
    public static string Serialize(string scenario, IReadOnlyList<Document> links) =>
        JsonSerializer.Serialize(new FileDocument(scenario, links), Options);

    public static Document ToDocument(QkdSweepResult result, string protocol, string? plotPath, string? link)
    {
        static double? Finite(double x) => double.IsFinite(x) ? x : null;
        var points = result.Points.Select(p => new Point(
            p.DistanceKm, p.ChannelTransmittance, p.Pulses, p.Gain, Finite(p.TheoreticalGain), p.Qber, Finite(p.TheoreticalQber),
            p.SiftedBits, p.SecretBits, Finite(p.ErrorCorrectionEfficiency), p.DiscardedBlocks,
            p.SecretKeyRateBitsPerPulse, p.SecretKeyRateBitsPerSecond,
            p.AsymptoticKeyRateBitsPerPulse, p.PracticalAsymptoticKeyRateBitsPerPulse, Finite(p.PlobBoundBitsPerPulse))).ToList();
        return new Document(protocol, result.MaxDistanceKm, points, plotPath, link);
    }
}
