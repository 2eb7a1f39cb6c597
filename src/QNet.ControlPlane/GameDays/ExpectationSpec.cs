using System.Globalization;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// One thing the operator believes the system does under the experiment (docs/gamedays.md, "Expectations"). Times are
/// measured from the first fault the method injects (<see cref="After"/> names another inject-fault step), except
/// <see cref="ExpectationKind.SliRecovers"/>, measured from that fault's clear.
/// </summary>
/// <param name="Kind">What is expected.</param>
/// <param name="Line">Line in the file, for messages.</param>
/// <param name="Alert">alert-fires, alert-pages: the alert's name.</param>
/// <param name="Selector">Label matchers (alert labels; the SLI's series for sli-recovers; the SLO's group for budget-burned).</param>
/// <param name="WithinSeconds">The deadline, in simulated seconds (not for keys-flow and budget-burned).</param>
/// <param name="After">The id of the inject-fault step times are measured from; null for the first one.</param>
/// <param name="PqcFallbackAllowed">keys-flow: whether a stall of QKD key production is acceptable (the key store falls back to PQC-hybrid keys).</param>
/// <param name="Slo">budget-burned: the SLO.</param>
/// <param name="BelowPercent">budget-burned: the most of its error budget the experiment may burn, in percent.</param>
/// <param name="Probe">sli-recovers: the SLI, window and objective (as a probe with a tolerance).</param>
internal sealed record ExpectationSpec(ExpectationKind Kind, int Line, string? Alert, IReadOnlyDictionary<string, string> Selector, double WithinSeconds,
    string? After, bool PqcFallbackAllowed, string? Slo, double BelowPercent, ProbeSpec? Probe)
{
    /// <summary>The expectation in words, for the report (e.g. <c>alert QNetLinkDown pages within 8 min</c>).</summary>
    public string Describe() => Kind switch
    {
        ExpectationKind.AlertFires => $"alert {Alert}{Labels} fires within {Duration(WithinSeconds)}",
        ExpectationKind.AlertPages => $"alert {Alert}{Labels} pages within {Duration(WithinSeconds)}",
        ExpectationKind.SessionsRerouted => $"sessions{Labels} rerouted within {Duration(WithinSeconds)}",
        ExpectationKind.KeysFlow => PqcFallbackAllowed ? "keys keep flowing (pqc-fallback allowed)" : "QKD keys keep flowing (no pqc-fallback)",
        ExpectationKind.BudgetBurned => string.Create(CultureInfo.InvariantCulture, $"budget of {Slo}{Labels} burned < {BelowPercent:G4} %"),
        ExpectationKind.SliRecovers => $"{Probe!.Name} back within {Probe.Tolerance} within {Duration(WithinSeconds)} of the clear",
        _ => $"an automatic mitigation{Labels} within {Duration(WithinSeconds)}",
    };

    private string Labels => Selector.Count == 0 ? "" : "{" + string.Join(",", Selector.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    /// <summary>A span of seconds in the report's words: 90 s, 8 min, 2 h.</summary>
    public static string Duration(double seconds) => seconds switch
    {
        >= 3600 when seconds % 3600 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:G4} h"),
        >= 60 when seconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:G4} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:G4} s"),
    };
}
