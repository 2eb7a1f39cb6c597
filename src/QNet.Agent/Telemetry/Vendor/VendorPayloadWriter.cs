using System.Globalization;
using System.Text;
using System.Text.Json;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Writes QNet samples as a vendor would: the mapping read backwards (QNet name → vendor name, base unit → vendor
/// unit, copied labels → vendor labels). An emulated device uses it to speak a real vendor's format, so the agent's
/// normalization runs on the same path it runs for real hardware. Samples the vendor has no metric for, or whose
/// fixed labels differ from the mapping's, are not written (the vendor does not report them).
/// </summary>
public static class VendorPayloadWriter
{
    /// <summary>The payload for <paramref name="samples"/> in <paramref name="mapping"/>'s format.</summary>
    public static string Write(VendorMapping mapping, IEnumerable<TelemetrySample> samples)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder();
        foreach (var sample in samples)
        {
            foreach (var m in mapping.Metrics.Values)
            {
                if (m.QNetMetric != sample.Metric || VendorLabels(m, sample) is not { } labels)
                {
                    continue;
                }

                var value = VendorUnits.FromBase(m.Unit, sample.Value);
                if (mapping.Format == VendorFormat.JsonLines)
                {
                    WriteJson(text, mapping.Fields!, m.VendorMetric, value, labels, sample.ReadAt);
                }
                else
                {
                    WriteProm(text, m.VendorMetric, value, labels, sample.ReadAt);
                }

                break;
            }
        }

        return text.ToString();
    }

    private static Dictionary<string, string>? VendorLabels(MetricMapping m, TelemetrySample sample)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in m.Labels)
        {
            var have = sample.Labels.GetValueOrDefault(rule.Label);
            if (rule.Literal is { } literal)
            {
                if (have is not null && have != literal)
                {
                    return null;
                }
            }
            else if (have is not null)
            {
                labels[rule.FromVendorLabel!] = have;
            }
            else
            {
                return null;
            }
        }

        return labels;
    }

    private static void WriteJson(StringBuilder text, JsonLinesFields fields, string metric, double value, Dictionary<string, string> labels, DateTimeOffset? at)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (fields.Time is { } time && at is { } t)
            {
                json.WriteString(time, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }

            foreach (var (k, v) in labels)
            {
                json.WriteString(k, v);
            }

            json.WriteString(fields.Metric, metric);
            json.WriteNumber(fields.Value, value);
            json.WriteEndObject();
        }

        text.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
    }

    private static void WriteProm(StringBuilder text, string metric, double value, Dictionary<string, string> labels, DateTimeOffset? at)
    {
        text.Append(metric);
        if (labels.Count > 0)
        {
            text.Append('{');
            text.AppendJoin(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{Escape(l.Value)}\""));
            text.Append('}');
        }

        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture));
        if (at is { } t)
        {
            text.Append(' ').Append(t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        text.Append('\n');
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
