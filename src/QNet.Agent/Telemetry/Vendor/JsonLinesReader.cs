using System.Globalization;
using System.Text.Json;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Reads one JSON object per line, taking the metric name, value, time and labels from the keys
/// <see cref="JsonLinesFields"/> names. Numbers may come as JSON numbers or as strings holding one (some
/// controllers quote everything); the time as unix seconds or an RFC 3339 string. Blank lines are skipped.
/// </summary>
public sealed class JsonLinesReader(JsonLinesFields fields) : IVendorReader
{
    public void Read(string payload, ICollection<VendorReading> readings, ICollection<RejectedLine> rejected)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(rejected);
        int number = 0;
        foreach (var raw in payload.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                rejected.Add(new RejectedLine(number, RejectReason.Malformed, "not a JSON object: " + e.Message.Split('.')[0]));
                continue;
            }

            using (document)
            {
                var (reading, problem) = Reading(document.RootElement, number);
                if (reading is not null)
                {
                    readings.Add(reading);
                }
                else
                {
                    rejected.Add(problem!);
                }
            }
        }
    }

    private (VendorReading?, RejectedLine?) Reading(JsonElement root, int number)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, new RejectedLine(number, RejectReason.Malformed, "each line must be a JSON object"));
        }

        if (!root.TryGetProperty(fields.Metric, out var metricElement) || metricElement.ValueKind != JsonValueKind.String
            || metricElement.GetString() is not { Length: > 0 } metric)
        {
            return (null, new RejectedLine(number, RejectReason.MissingField, $"'{fields.Metric}' (the metric name) must be a non-empty string"));
        }

        if (!root.TryGetProperty(fields.Value, out var valueElement) || !TryNumber(valueElement, out var value))
        {
            return (null, new RejectedLine(number, RejectReason.MissingField, $"{metric}: '{fields.Value}' (the value) must be a number"));
        }

        if (!double.IsFinite(value))
        {
            return (null, new RejectedLine(number, RejectReason.NonFinite, $"{metric}: value {value.ToString(CultureInfo.InvariantCulture)}"));
        }

        DateTimeOffset? at = null;
        if (fields.Time is { } timeKey && root.TryGetProperty(timeKey, out var timeElement))
        {
            at = Time(timeElement);
            if (at is null)
            {
                return (null, new RejectedLine(number, RejectReason.BadTime, $"{metric}: '{timeKey}' must be unix seconds or an RFC 3339 time"));
            }
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in fields.Labels)
        {
            if (root.TryGetProperty(key, out var l) && l.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                labels[key] = l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText();
            }
        }

        return (new VendorReading(metric, value, labels, at, number), null);
    }

    private static bool TryNumber(JsonElement e, out double value)
    {
        value = 0;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static DateTimeOffset? Time(JsonElement e)
    {
        if (TryNumber(e, out var seconds) && e.ValueKind == JsonValueKind.Number && double.IsFinite(seconds)
            && seconds is > -62_135_596_800 and < 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        if (e.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return t;
        }

        return null;
    }
}
