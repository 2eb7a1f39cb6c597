using System.Globalization;
using System.Text;

namespace QNet.ControlPlane.Incidents;

/// <summary>
/// The postmortem draft of an incident in Markdown (<c>GET /api/v1/incidents/{id}/postmortem</c>, <c>qnet incident report</c>):
/// summary, impact, detection and mitigation times, the timeline, the runbooks its alerts link to, and empty root-cause
/// and action sections for the review to fill.
/// </summary>
internal static class IncidentPostmortem
{
    public static string Render(IncidentView incident, IncidentImpact impact)
    {
        var md = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        md.Append(culture, $"# Postmortem draft: {incident.Title} ({incident.Id})\n\n");
        md.Append("## Summary\n\n");
        md.Append(culture, $"- Scope: {(incident.Key.Length == 0 ? "the network" : incident.Key)}\n");
        md.Append(culture, $"- State: {incident.State}{(incident.ResolvedBy is { } by ? $" ({(by == "auto" ? "automatically, every alert resolved" : "by " + by)})" : "")}\n");
        md.Append(culture, $"- Opened: {Time(incident.OpenedAt)}; resolved: {(incident.ResolvedAt is { } r ? Time(r) : "not yet")}\n");
        md.Append(culture, $"- Alerts: {string.Join(", ", incident.Alerts.Select(a => $"{a.Name} ({a.Status}, seen by {string.Join(" and ", a.Sources)})"))}\n");
        var faults = incident.Timeline.Where(e => e.Kind == "fault").ToList();
        md.Append(culture, $"- Faults: {(faults.Count == 0 ? "none recorded" : string.Join("; ", faults.Select(f => f.Text)))}\n\n");

        md.Append("## Impact\n\n");
        md.Append(culture, $"Window {Time(impact.Start)} to {Time(impact.End)} ({Duration(impact.End - impact.Start)}).\n\n");
        md.Append(culture, $"- Sessions affected: {impact.SessionsAffected} (failed or suspended: {impact.SessionsFailed}, degraded — rerouted, restarted or below target: {impact.SessionsDegraded})\n");
        md.Append(culture, $"- Pairs delivered in the window: {impact.PairsDelivered:F0}; pairs lost or delayed against the hour before: {(impact.PairsShortfall is { } s ? s.ToString("F0", culture) : "no baseline (history too short)")}\n");
        md.Append(culture, $"- Pairs expired in memories: {impact.PairsExpired:F0}\n");
        md.Append(culture, $"- Keys: secret key bits distilled in the window: {impact.KeyBitsDelivered:F0}; key bits lost or delayed against the hour before: {(impact.KeyBitsShortfall is { } k ? k.ToString("F0", culture) : "no baseline (history too short)")}; QKD link pauses (key production stopped, keys delayed): {impact.QkdPauses}\n");
        if (impact.BudgetBurned.Count == 0)
        {
            md.Append("- Error budget burned: no SLO of this scope\n");
        }
        else
        {
            md.Append("- Error budget burned:\n");
            foreach (var (slo, group, burned) in impact.BudgetBurned)
            {
                md.Append(culture, $"  - {slo}{(group.Length > 0 ? $" ({group})" : "")}: {burned * 100:F2} % of the budget\n");
            }
        }
        md.Append('\n');

        md.Append("## Detection and mitigation\n\n");
        var start = faults.Count > 0 ? faults.Min(f => f.At) : (DateTimeOffset?)null;
        var firstAlert = incident.Timeline.Where(e => e.Kind == "alert-firing").Select(e => (DateTimeOffset?)e.At).Min();
        var firstAction = incident.Timeline.Where(e => e.Kind is "mitigation" or "fault-cleared" or "calibration").Select(e => (DateTimeOffset?)e.At).Min();
        md.Append(culture, $"- Time to detect (first fault to first alert): {Between(start, firstAlert)}\n");
        md.Append(culture, $"- Time to mitigate (first fault to first action): {Between(start, firstAction)}; mitigated by {incident.MitigatedBy ?? "nothing recorded"}{(incident.MitigatedAt is { } m ? " at " + Time(m) : "")}\n");
        md.Append(culture, $"- Time to acknowledge (first alert to acknowledgement): {Between(firstAlert, incident.AcknowledgedAt)}{(incident.AcknowledgedBy is { } a ? " by " + a : "")}\n");
        md.Append(culture, $"- Time to resolve (first fault, else opening, to resolution): {Between(start ?? incident.OpenedAt, incident.ResolvedAt)}\n\n");

        md.Append("## Timeline\n\n| time (UTC) | kind | what | trace id |\n|---|---|---|---|\n");
        foreach (var e in incident.Timeline)
        {
            md.Append(culture, $"| {Time(e.At)} | {e.Kind} | {Cell(e.Text)} | {e.TraceId ?? ""} |\n");
        }
        md.Append('\n');

        md.Append("## Runbooks used\n\n");
        var runbooks = incident.Alerts.Select(a => (a.Name, Url: a.Annotations.GetValueOrDefault("runbook_url"))).Where(r => !string.IsNullOrEmpty(r.Url)).Distinct().ToList();
        if (runbooks.Count == 0)
        {
            md.Append("- none linked by the alerts\n");
        }
        foreach (var (name, url) in runbooks)
        {
            md.Append(culture, $"- {name}: {url}\n");
        }
        md.Append("\n## Root cause\n\n_To be written by the review._\n\n");
        md.Append("## Actions\n\n| action | owner | due | status |\n|---|---|---|---|\n|  |  |  |  |\n");
        return md.ToString();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Between(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t ? Duration(t - f) : "n/a";

    private static string Duration(TimeSpan d) => d < TimeSpan.Zero ? "-" + Duration(-d) : d.TotalSeconds < 120
        ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"
        : d.TotalMinutes.ToString("F1", CultureInfo.InvariantCulture) + " min";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
