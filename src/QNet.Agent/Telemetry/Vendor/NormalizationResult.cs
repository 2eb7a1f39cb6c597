namespace QNet.Agent.Telemetry.Vendor;

/// <summary>What one vendor payload became: samples in QNet's terms, and everything that did not become one.</summary>
/// <param name="Samples">Mapped readings, in payload order.</param>
/// <param name="Unknown">Readings of vendor metrics the mapping does not name, counted by vendor metric name.</param>
/// <param name="Rejected">Lines that could not be read or mapped, with the reason.</param>
public sealed record NormalizationResult(IReadOnlyList<TelemetrySample> Samples, IReadOnlyDictionary<string, long> Unknown, IReadOnlyList<RejectedLine> Rejected);
