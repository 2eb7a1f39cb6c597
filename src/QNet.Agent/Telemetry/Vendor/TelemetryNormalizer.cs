using QNet.Sre;

namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// Turns one node's vendor telemetry into <see cref="TelemetrySample"/>s with a <see cref="VendorMapping"/>: reads
/// the payload in the vendor's format, converts each mapped reading to the QNet metric's base unit, sets its labels
/// (<c>node</c> always, the rest by the mapping's label rules). Nothing is dropped silently: readings of unmapped
/// metrics are counted per vendor name, refused lines are returned with their reason, and both are kept as running
/// totals that <see cref="AccountingSamples"/> reports as catalogue counters. Thread-safe.
/// </summary>
public sealed class TelemetryNormalizer
{
    /// <summary>The label every sample carries: the node the agent runs at.</summary>
    public const string NodeLabel = "node";

    private readonly VendorMapping _mapping;
    private readonly string _node;
    private readonly IVendorReader _reader;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _unknownTotals = new(StringComparer.Ordinal);
    private readonly Dictionary<RejectReason, long> _rejectedTotals = [];

    public TelemetryNormalizer(VendorMapping mapping, string node)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        _mapping = mapping;
        _node = node;
        _reader = mapping.Format == VendorFormat.JsonLines
            ? new JsonLinesReader(mapping.Fields ?? throw new ArgumentException("a json-lines mapping needs its fields", nameof(mapping)))
            : new PrometheusTextReader();
    }

    /// <summary>Reads and maps one payload.</summary>
    public NormalizationResult Normalize(string payload)
    {
        var readings = new List<VendorReading>();
        var rejected = new List<RejectedLine>();
        _reader.Read(payload, readings, rejected);
        var samples = new List<TelemetrySample>(readings.Count);
        var unknown = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in readings)
        {
            if (!_mapping.Metrics.TryGetValue(r.Metric, out var m))
            {
                unknown[r.Metric] = unknown.GetValueOrDefault(r.Metric) + 1;
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [NodeLabel] = _node };
            string? missing = null;
            foreach (var rule in m.Labels)
            {
                if (rule.Literal is { } literal)
                {
                    labels[rule.Label] = literal;
                }
                else if (r.Labels.TryGetValue(rule.FromVendorLabel!, out var copied))
                {
                    labels[rule.Label] = copied;
                }
                else
                {
                    missing = rule.FromVendorLabel;
                    break;
                }
            }

            if (missing is not null)
            {
                rejected.Add(new RejectedLine(r.Line, RejectReason.MissingLabel, $"{r.Metric}: vendor label '{missing}' is missing (mapping line {m.Line})"));
                continue;
            }

            samples.Add(new TelemetrySample(m.QNetMetric, VendorUnits.ToBase(m.Unit, r.Value), labels, r.ReadAt));
        }

        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        lock (_gate)
        {
            foreach (var (name, n) in unknown)
            {
                _unknownTotals[name] = _unknownTotals.GetValueOrDefault(name) + n;
            }

            foreach (var line in rejected)
            {
                _rejectedTotals[line.Reason] = _rejectedTotals.GetValueOrDefault(line.Reason) + 1;
            }
        }

        return new NormalizationResult(samples, unknown, rejected);
    }

    /// <summary>
    /// Running totals as counter samples (catalogue names, exposed with <c>_total</c>): <c>qnet_agent_telemetry_unknown{node, vendor_metric}</c> per unmapped vendor
    /// metric and <c>qnet_agent_telemetry_rejected{node, reason}</c> per reason, so what the mapping could not
    /// use travels to the control plane with the rest of the telemetry.
    /// </summary>
    public IReadOnlyList<TelemetrySample> AccountingSamples()
    {
        lock (_gate)
        {
            var samples = new List<TelemetrySample>();
            foreach (var (name, n) in _unknownTotals.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                samples.Add(new TelemetrySample(MetricCatalogue.AgentTelemetryUnknown, n,
                    new Dictionary<string, string>(StringComparer.Ordinal) { [NodeLabel] = _node, ["vendor_metric"] = name }));
            }

            foreach (var (reason, n) in _rejectedTotals.OrderBy(p => p.Key))
            {
                samples.Add(new TelemetrySample(MetricCatalogue.AgentTelemetryRejected, n,
                    new Dictionary<string, string>(StringComparer.Ordinal) { [NodeLabel] = _node, ["reason"] = RejectReasonNames.Name(reason) }));
            }

            return samples;
        }
    }
}
