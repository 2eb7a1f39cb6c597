using System.Globalization;
using System.Text;
using System.Text.Json;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// Writes a run as its JSON journal: the experiment, the verdict, the report's figures and every entry in twin-time
/// order, then the wall-clock facts in their own <c>wall</c> object (last, so everything before it is the same for the
/// same file and seed; <see cref="Write"/> without it gives exactly those bytes).
/// </summary>
internal static class GameDayJournalWriter
{
    public static string Write(GameDayResult r, bool includeWall = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("experiment");
            w.WriteString("title", r.Experiment.Title);
            w.WriteString("file", Path.GetFileName(r.Source));
            w.WriteString("scenario", r.Experiment.Configuration.ScenarioName);
            w.WriteString("seed", r.Experiment.Configuration.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteNumber("endSeconds", r.EndSeconds);
            w.WriteEndObject();

            w.WriteStartObject("verdict");
            w.WriteString("result", r.Verdict);
            w.WriteBoolean("hypothesisBefore", r.HypothesisBefore);
            w.WriteBoolean("hypothesisAfter", r.HypothesisAfter);
            w.WriteStartArray("expectations");
            foreach (var o in r.Expectations)
            {
                w.WriteStartObject();
                w.WriteString("expectation", o.Expectation.Describe());
                w.WriteBoolean("met", o.Met);
                Number(w, "measuredSeconds", o.MeasuredSeconds);
                w.WriteString("reason", o.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("deviations");
            foreach (var d in r.Deviations)
            {
                w.WriteStringValue(d);
            }
            w.WriteEndArray();
            w.WriteEndObject();

            var s = r.Summary;
            w.WriteStartObject("summary");
            Number(w, "firstFaultSeconds", s.FirstFaultSeconds);
            Number(w, "timeToDetectSeconds", s.TimeToDetectSeconds);
            Number(w, "timeToMitigateSeconds", s.TimeToMitigateSeconds);
            Number(w, "timeToRecoverSeconds", s.TimeToRecoverSeconds);
            w.WriteNumber("pages", s.Pages);
            w.WriteNumber("tickets", s.Tickets);
            w.WriteNumber("muted", s.Muted);
            w.WriteStartObject("budgetBurnedPercent");
            foreach (var (slo, burned) in s.BudgetBurnedPercent)
            {
                w.WriteNumber(slo, burned);
            }
            w.WriteEndObject();
            w.WriteStartArray("sessionsAffected");
            foreach (var id in s.SessionsAffected)
            {
                w.WriteStringValue(id);
            }
            w.WriteEndArray();
            Number(w, "keyBitsDuringFaults", s.KeyBitsDuringFaults);
            Number(w, "longestKeyStallSeconds", s.LongestKeyStallSeconds);
            w.WriteEndObject();

            w.WriteStartArray("entries");
            foreach (var e in r.Entries)
            {
                w.WriteStartObject();
                w.WriteNumber("t", e.Seconds);
                w.WriteString("type", e.Type);
                w.WriteString("name", e.Name);
                if (e.TraceId is not null)
                {
                    w.WriteString("traceId", e.TraceId);
                }
                foreach (var (k, v) in e.Detail)
                {
                    w.WriteString(k, v);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            if (includeWall)
            {
                w.WriteStartObject("wall");
                w.WriteString("mode", r.Wall.Mode);
                w.WriteString("startedAt", r.Wall.StartedAt.ToString("O", CultureInfo.InvariantCulture));
                w.WriteNumber("elapsedSeconds", Math.Round(r.Wall.ElapsedSeconds, 3));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
