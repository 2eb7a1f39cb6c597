using System.Globalization;
using System.Net;
using System.Text;
using QNet.Cli.Plots;
using QNet.ControlPlane.GameDays;

namespace QNet.Cli.Commands;

/// <summary>
/// The report a person reads after a game day: Markdown (report.md, with the timeline PNGs beside it) and one
/// self-contained HTML page (report.html, the PNGs inlined as data URIs). Both say held or deviated and why, the
/// figures (detect, mitigate, recover, pages and tickets, budgets, sessions and keys), each expectation, the steady
/// state before and after, and the faults, alerts and mitigations in twin-time order.
/// </summary>
internal static class GameDayReport
{
    private static readonly string[] FigureHeader = ["Figure", "Value"];
    private static readonly string[] ExpectationHeader = ["Expectation", "Met", "Seen"];
    private static readonly string[] HypothesisHeader = ["Phase", "Probe", "Reading", "Tolerance", "Held"];
    private static readonly string[] EventHeader = ["Twin time", "Type", "What", "Detail"];

    private const int MaxEvents = 200;

    /// <summary>Writes report.md, report.html and timeline-N.png into <paramref name="dir"/>.</summary>
    public static void Write(GameDayResult r, string dir)
    {
        Directory.CreateDirectory(dir);
        var pngs = r.Timeline.Select(s => GameDayTimelinePlot.Png(s, r.Faults)).ToArray();
        var names = pngs.Select((_, i) => $"timeline-{i + 1}.png").ToArray();
        for (int i = 0; i < pngs.Length; i++)
        {
            File.WriteAllBytes(Path.Combine(dir, names[i]), pngs[i]);
        }
        var sections = Sections(r);
        var md = new StringBuilder();
        md.Append("# Game day: ").AppendLine(r.Experiment.Title).AppendLine();
        if (r.Experiment.Description.Length > 0)
        {
            md.AppendLine(r.Experiment.Description.Trim()).AppendLine();
        }
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Game day: " + Enc(r.Experiment.Title) + "</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}.held{color:#080}.deviated{color:#b00}img{max-width:100%}</style></head><body>");
        html.Append("<h1>Game day: ").Append(Enc(r.Experiment.Title)).AppendLine("</h1>");
        html.Append("<p>").Append(Enc(r.Experiment.Description.Trim())).AppendLine("</p>");
        foreach (var (title, lines, rows) in sections)
        {
            md.Append("## ").AppendLine(title).AppendLine();
            html.Append("<h2>").Append(Enc(title)).AppendLine("</h2>");
            foreach (var line in lines)
            {
                md.AppendLine(line);
                html.Append("<p>").Append(Inline(line.TrimStart('-', ' '))).AppendLine("</p>");
            }
            if (rows.Count > 0)
            {
                md.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
                md.AppendLine("|" + string.Concat(rows[0].Select(_ => "---|")));
                html.Append("<table><tr>").Append(string.Concat(rows[0].Select(c => "<th>" + Enc(c) + "</th>"))).AppendLine("</tr>");
                foreach (var row in rows.Skip(1))
                {
                    md.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
                    html.Append("<tr>").Append(string.Concat(row.Select(c => "<td>" + Enc(c) + "</td>"))).AppendLine("</tr>");
                }
                html.AppendLine("</table>");
            }
            md.AppendLine();
            if (title == "Timeline")
            {
                for (int i = 0; i < pngs.Length; i++)
                {
                    md.Append("![").Append(r.Timeline[i].Name).Append("](").Append(names[i]).AppendLine(")").AppendLine();
                    html.Append("<img alt=\"").Append(Enc(r.Timeline[i].Name)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(pngs[i])).AppendLine("\">");
                }
            }
        }
        html.AppendLine("</body></html>");
        File.WriteAllText(Path.Combine(dir, "report.md"), md.ToString());
        File.WriteAllText(Path.Combine(dir, "report.html"), html.ToString());
    }

    private static List<(string Title, List<string> Lines, List<string[]> Rows)> Sections(GameDayResult r)
    {
        var s = r.Summary;
        var verdict = new List<string>
        {
            r.AbortedBy is not null ? string.Create(CultureInfo.InvariantCulture, $"**Aborted** at t = {r.EndSeconds:F0} s: the target stopped answering; the run rolled back as far as the target let it, and this report covers what ran until then:")
            : r.Interrupted ? string.Create(CultureInfo.InvariantCulture, $"**Interrupted** at t = {r.EndSeconds:F0} s: stopped by a signal and rolled back; this report covers what ran until then:")
            : r.Held ? "**Hypothesis held**: the steady state held before and after, and every expectation was met." : "**Deviated**:",
        };
        verdict.AddRange(r.Deviations.Select(d => "- " + d));
        var figures = new List<string[]>
        {
            FigureHeader,
            new[] { "first fault", Time(s.FirstFaultSeconds, "t = ") },
            new[] { "time to detect (fault → first alert)", Time(s.TimeToDetectSeconds) },
            new[] { "time to mitigate (fault → first automatic action)", Time(s.TimeToMitigateSeconds) },
            new[] { "time to recover (fault → steady-state SLIs back after the clear)", Time(s.TimeToRecoverSeconds) },
            new[] { "pages sent", Int(s.Pages) },
            new[] { "tickets sent", Int(s.Tickets) },
            new[] { "alerts muted by maintenance", Int(s.Muted) },
            new[] { "sessions affected", s.SessionsAffected.Count == 0 ? "none" : string.Join(", ", s.SessionsAffected) },
            new[] { "QKD key bits during faults", s.KeyBitsDuringFaults is { } bits ? bits.ToString("N0", CultureInfo.InvariantCulture) : "not distilled (no key probe or expectation)" },
            new[] { "longest QKD key stall", s.KeyBitsDuringFaults is null ? "—" : Time(s.LongestKeyStallSeconds) },
        };
        figures.AddRange(s.BudgetBurnedPercent.Select(kv => new[] { $"error budget burned: {kv.Key}", kv.Value.ToString("F3", CultureInfo.InvariantCulture) + " %" }));
        var expectations = new List<string[]> { ExpectationHeader };
        expectations.AddRange(r.Expectations.Select(o => new[] { o.Expectation.Describe(), o.Met ? "yes" : "NO", o.Reason }));
        var hypothesis = new List<string[]> { HypothesisHeader };
        hypothesis.AddRange(r.Entries.Where(e => e.Type == JournalTypes.Hypothesis)
            .Select(e => new[] { e.Get("phase") ?? "", e.Name, e.Get("reading") ?? "", e.Get("tolerance") ?? "", e.Get("held") ?? "" }));
        var events = new List<string[]> { EventHeader };
        events.AddRange(r.Entries.Where(e => e.Type is JournalTypes.Action or JournalTypes.Fault or JournalTypes.Alert or JournalTypes.Mitigation or JournalTypes.Probe)
            .Take(MaxEvents)
            .Select(e => new[] { Time(e.Seconds), e.Type, e.Name, string.Join("; ", e.Detail.Where(kv => kv.Key != "runbook").Select(kv => $"{kv.Key}={kv.Value}")) }));
        return
        [
            ("Result", verdict, []),
            ("Figures", [], figures),
            ("Expectations", r.Expectations.Count == 0 ? ["No expectations were stated."] : [], r.Expectations.Count == 0 ? [] : expectations),
            ("Steady state", [$"{r.Experiment.HypothesisTitle}"], hypothesis),
            ("Timeline", [$"Shaded: fault windows. Scenario {r.Experiment.Configuration.ScenarioName}, seed {r.Experiment.Configuration.Seed}, {Time(r.EndSeconds)} of twin time."], []),
            ("Events", [], events),
        ];
    }

    private static string Time(double? seconds, string prefix = "") => seconds is { } v
        ? prefix + (v >= 120 ? string.Create(CultureInfo.InvariantCulture, $"{v / 60:F1} min") : string.Create(CultureInfo.InvariantCulture, $"{v:F0} s"))
        : "—";

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    // A report line for the page: encoded, with the Markdown bold the lines use (the verdict) as bold.
    private static string Inline(string line)
    {
        string[] parts = line.Split("**");
        var html = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            bool bold = i % 2 == 1 && i < parts.Length - 1;
            html.Append(bold ? "<strong>" + Enc(parts[i]) + "</strong>" : (i > 0 && i % 2 == 1 ? "**" : "") + Enc(parts[i]));
        }
        return html.ToString();
    }
}
