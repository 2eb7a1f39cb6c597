namespace QNet.Agent.Telemetry;

/// <summary>
/// One device reading in QNet's terms, whatever format the device spoke: a metric name from
/// <c>QNet.Sre.MetricCatalogue</c>, its value in that metric's base unit (seconds, hertz, a 0..1 ratio; never dB),
/// the low-cardinality labels that name where it was read (node, device, link), and the device's own time of the
/// reading when it gave one.
/// </summary>
public sealed record TelemetrySample(string Metric, double Value, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? ReadAt = null);
