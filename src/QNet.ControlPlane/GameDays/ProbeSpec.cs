using QNet.Network.Sessions;

namespace QNet.ControlPlane.GameDays;

/// <summary>A probe: what it reads, over which series and window, and the tolerance its reading must meet.</summary>
/// <param name="Name">Its name (journal and report).</param>
/// <param name="Kind">sli, budget, alert, sessions or keys.</param>
/// <param name="Line">Line in the file, for messages.</param>
/// <param name="Sli">sli: the indicator.</param>
/// <param name="Slo">budget: the SLO's name.</param>
/// <param name="Alert">alert: the alert's name.</param>
/// <param name="Selector">Label matchers on the series (sli, budget, alert), e.g. <c>link: carol-hub</c>.</param>
/// <param name="WindowSeconds">sli, keys: the window the reading covers, in simulated seconds.</param>
/// <param name="Outcome">sessions: the outcome counted.</param>
/// <param name="Tolerance">The reading's tolerance; null only for a method probe that just records.</param>
internal sealed record ProbeSpec(string Name, ProbeKind Kind, int Line, Sli? Sli, string? Slo, string? Alert, IReadOnlyDictionary<string, string> Selector,
    double WindowSeconds, SessionOutcome? Outcome, Tolerance? Tolerance);
