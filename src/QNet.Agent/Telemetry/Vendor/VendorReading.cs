namespace QNet.Agent.Telemetry.Vendor;

/// <summary>One reading as the vendor wrote it, before mapping.</summary>
/// <param name="Metric">The vendor's metric name.</param>
/// <param name="Value">The value in the vendor's unit.</param>
/// <param name="Labels">The vendor's labels.</param>
/// <param name="ReadAt">The device's time of the reading, when it gave one.</param>
/// <param name="Line">1-based line of the payload it came from.</param>
public sealed record VendorReading(string Metric, double Value, IReadOnlyDictionary<string, string> Labels, DateTimeOffset? ReadAt, int Line);
