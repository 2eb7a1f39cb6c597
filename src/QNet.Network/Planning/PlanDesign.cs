using System.Globalization;
using QNet.Network.Scenarios;

namespace QNet.Network.Planning;

/// <summary>One candidate design of a repeater chain over the planned distance.</summary>
/// <param name="Repeaters">Repeaters between the two end nodes (≥ 0); the chain has Repeaters + 1 equal spans.</param>
/// <param name="AttenuationDbPerKm">Fiber attenuation, dB/km.</param>
/// <param name="T2Seconds">Memory T2 of every node, seconds (may be infinite).</param>
/// <param name="Purification">End-to-end purification, or null for none.</param>
public sealed record PlanDesign(int Repeaters, double AttenuationDbPerKm, double T2Seconds, PurificationSpec? Purification)
{
    /// <summary>A short label: <c>4 rep · 0.16 dB/km · T2 10 s · dejmps:1</c>.</summary>
    public string Label =>
        $"{Repeaters} rep · {Format(AttenuationDbPerKm)} dB/km · T2 {(double.IsPositiveInfinity(T2Seconds) ? "∞" : Format(T2Seconds) + " s")} · {PurificationLabel}";

    /// <summary>The purification as written on the command line: <c>none</c> or <c>dejmps:1</c>.</summary>
    public string PurificationLabel => Purification is { } p ? $"{ScenarioNames.Of(p.Scheme)}:{p.Rounds}" : "none";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
