namespace QNet.Agent.Telemetry.Vendor;

/// <summary>Which keys of a JSON-lines reading hold what.</summary>
/// <param name="Metric">Key of the metric name (a string).</param>
/// <param name="Value">Key of the value (a number, or a string holding one).</param>
/// <param name="Time">Key of the reading's time (unix seconds, or an RFC 3339 string), when the vendor gives one.</param>
/// <param name="Labels">Keys whose values become the reading's vendor labels.</param>
public sealed record JsonLinesFields(string Metric, string Value, string? Time, IReadOnlyList<string> Labels);
