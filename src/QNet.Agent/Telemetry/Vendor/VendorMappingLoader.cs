using System.Text.RegularExpressions;
using QNet.Sre;
using QNet.Sre.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Loads a vendor mapping file (YAML; docs/agents.md#vendor-telemetry). Every problem is reported at once as
/// <c>file:line: field: message</c>; a file with any problem is refused whole, so a half-understood mapping never
/// maps anything.
/// </summary>
public static partial class VendorMappingLoader
{
    private const string VendorLabelPrefix = "$";

    private static readonly string[] TopKeys = ["vendor", "format", "fields", "metrics"];
    private static readonly string[] FieldKeys = ["metric", "value", "time", "labels"];
    private static readonly string[] MetricKeys = ["vendor", "qnet", "unit", "labels"];
    private static readonly string[] HistogramParts = ["_bucket", "_count", "_sum", "_created"];

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="VendorMappingException">The file cannot be read or has problems; the errors name them.</exception>
    public static VendorMapping Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : "access denied or I/O error";
            throw new VendorMappingException([new MappingError(path, 0, "(file)", "cannot be read: " + why)]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses mapping text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="VendorMappingException">The text has problems; the errors name them.</exception>
    public static VendorMapping Parse(string text, string source)
    {
        var errors = new List<MappingError>();
        var f = new YamlFieldReader((line, field, message) => errors.Add(new MappingError(source, line, field, message)));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new VendorMappingException([new MappingError(source, (int)e.Start.Line, "(syntax)", "not valid YAML: " + e.Message.Split('\n')[0])]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new VendorMappingException([new MappingError(source, 0, "(file)", "must hold one mapping with vendor, format and metrics")]);
        }

        f.CheckKeys(root, "", TopKeys);
        var vendor = f.Str(root, "vendor", "", required: true) ?? "";
        var format = ReadFormat(f, root);
        var fields = ReadFields(f, root, format);
        var metrics = ReadMetrics(f, root, fields);
        if (errors.Count > 0)
        {
            throw new VendorMappingException(errors);
        }

        return new VendorMapping(vendor, format!.Value, fields, metrics);
    }

    private static VendorFormat? ReadFormat(YamlFieldReader f, YamlMappingNode root)
    {
        var text = f.Str(root, "format", "", required: true);
        if (text is null)
        {
            return null;
        }

        var format = VendorFormatNames.Parse(text);
        if (format is null)
        {
            f.Error(YamlFieldReader.Get(root, "format"), "format", $"'{text}' is not a format; expected one of {string.Join(", ", VendorFormatNames.All)}");
        }

        return format;
    }

    private static JsonLinesFields? ReadFields(YamlFieldReader f, YamlMappingNode root, VendorFormat? format)
    {
        var map = f.Map(root, "fields", "", required: format == VendorFormat.JsonLines);
        if (map is null)
        {
            return null;
        }

        if (format == VendorFormat.PrometheusText)
        {
            f.Error(YamlFieldReader.Get(root, "fields"), "fields", "only a json-lines format has fields; Prometheus text names its parts itself");
            return null;
        }

        f.CheckKeys(map, "fields", FieldKeys);
        var metric = f.Str(map, "metric", "fields", required: true);
        var value = f.Str(map, "value", "fields", required: true);
        var time = f.Str(map, "time", "fields", required: false);
        var labels = new List<string>();
        if (f.Seq(map, "labels", "fields", required: false) is { } list)
        {
            for (int i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is YamlScalarNode { Value: { Length: > 0 } key })
                {
                    labels.Add(key);
                }
                else
                {
                    f.Error(list.Children[i], YamlFieldReader.Index("fields.labels", i), "must be a key name");
                }
            }
        }

        return metric is null || value is null ? null : new JsonLinesFields(metric, value, time, labels);
    }

    private static Dictionary<string, MetricMapping> ReadMetrics(YamlFieldReader f, YamlMappingNode root, JsonLinesFields? fields)
    {
        var result = new Dictionary<string, MetricMapping>(StringComparer.Ordinal);
        var list = f.Seq(root, "metrics", "", required: true);
        if (list is { Children.Count: 0 })
        {
            f.Error(list, "metrics", "must name at least one metric");
        }

        for (int i = 0; list is not null && i < list.Children.Count; i++)
        {
            var path = YamlFieldReader.Index("metrics", i);
            if (list.Children[i] is not YamlMappingNode item)
            {
                f.Error(list.Children[i], path, "must be a mapping with vendor, qnet and unit");
                continue;
            }

            f.CheckKeys(item, path, MetricKeys);
            var vendorName = f.Str(item, "vendor", path, required: true);
            var qnet = ReadQNetMetric(f, item, path);
            var unit = ReadUnit(f, item, path, qnet);
            var labels = ReadLabels(f, item, path, fields);
            if (vendorName is null || qnet is null || unit is null || labels is null)
            {
                continue;
            }

            if (!result.TryAdd(vendorName, new MetricMapping(vendorName, qnet, unit.Value, labels, YamlFieldReader.Line(item))))
            {
                f.Error(YamlFieldReader.Get(item, "vendor"), YamlFieldReader.Join(path, "vendor"),
                    $"'{vendorName}' is mapped twice (first at line {result[vendorName].Line})");
            }
        }

        return result;
    }

    private static string? ReadQNetMetric(YamlFieldReader f, YamlMappingNode item, string path)
    {
        var name = f.Str(item, "qnet", path, required: true);
        if (name is null)
        {
            return null;
        }

        var field = YamlFieldReader.Join(path, "qnet");
        if (!MetricCatalogue.Contains(name))
        {
            f.Error(YamlFieldReader.Get(item, "qnet"), field, $"'{name}' is not a QNet metric (see the metric catalogue in docs/metrics.md)");
            return null;
        }

        if (HistogramParts.Any(s => name.EndsWith(s, StringComparison.Ordinal)) && !MetricCatalogue.All.Contains(name))
        {
            f.Error(YamlFieldReader.Get(item, "qnet"), field, $"'{name}' is part of a histogram; map a device reading to a gauge or a counter");
            return null;
        }

        // Counters travel under their catalogue name; the exposed _total form a Prometheus user writes is the same metric.
        const string total = "_total";
        return name.EndsWith(total, StringComparison.Ordinal) && MetricCatalogue.All.Contains(name[..^total.Length]) ? name[..^total.Length] : name;
    }

    private static VendorUnit? ReadUnit(YamlFieldReader f, YamlMappingNode item, string path, string? qnet)
    {
        var text = f.Str(item, "unit", path, required: true);
        if (text is null)
        {
            return null;
        }

        var field = YamlFieldReader.Join(path, "unit");
        if (VendorUnits.Parse(text) is not { } unit)
        {
            f.Error(YamlFieldReader.Get(item, "unit"), field, $"'{text}' is not a unit; expected one of {string.Join(", ", VendorUnits.AllNames)}");
            return null;
        }

        if (qnet is not null && VendorUnits.Dimension(unit) != VendorUnits.DimensionOf(qnet))
        {
            f.Error(YamlFieldReader.Get(item, "unit"), field,
                $"'{text}' is {VendorUnits.Describe(VendorUnits.Dimension(unit))}, but {qnet} takes {VendorUnits.Describe(VendorUnits.DimensionOf(qnet))}");
            return null;
        }

        return unit;
    }

    private static List<LabelRule>? ReadLabels(YamlFieldReader f, YamlMappingNode item, string path, JsonLinesFields? fields)
    {
        var rules = new List<LabelRule>();
        var map = f.Map(item, "labels", path, required: false);
        if (map is null)
        {
            return YamlFieldReader.Get(item, "labels") is null ? rules : null;
        }

        bool ok = true;
        foreach (var (k, v) in map.Children)
        {
            var label = (k as YamlScalarNode)?.Value ?? "";
            var field = YamlFieldReader.Join(YamlFieldReader.Join(path, "labels"), label);
            if (!LabelName().IsMatch(label) || label.StartsWith("__", StringComparison.Ordinal))
            {
                f.Error(k, field, "is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)");
                ok = false;
                continue;
            }

            if (label == TelemetryNormalizer.NodeLabel)
            {
                f.Error(k, field, "is set by the agent to the node it runs at; a mapping cannot set it");
                ok = false;
                continue;
            }

            if (v is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                f.Error(v, field, "must be a value, or $name to copy the vendor's label name");
                ok = false;
                continue;
            }

            if (!value.StartsWith(VendorLabelPrefix, StringComparison.Ordinal))
            {
                rules.Add(new LabelRule(label, value, null));
                continue;
            }

            var from = value[VendorLabelPrefix.Length..];
            if (from.Length == 0 || (fields is not null && !fields.Labels.Contains(from, StringComparer.Ordinal)))
            {
                var known = fields is null ? "" : $"; fields.labels names {(fields.Labels.Count == 0 ? "none" : string.Join(", ", fields.Labels))}";
                f.Error(v, field, $"'{value}' copies a vendor label the readings do not carry{known}");
                ok = false;
                continue;
            }

            rules.Add(new LabelRule(label, null, from));
        }

        return ok ? rules : null;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
