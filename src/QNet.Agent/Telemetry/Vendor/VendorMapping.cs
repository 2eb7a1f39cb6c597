namespace QNet.Agent.Telemetry.Vendor;

/// <summary>A vendor's telemetry format and how each of its metrics maps to QNet's names and base units.</summary>
/// <param name="Vendor">The vendor's name, as operators know it.</param>
/// <param name="Format">How its telemetry is written.</param>
/// <param name="Fields">Where a JSON-lines reading keeps its parts (only for <see cref="VendorFormat.JsonLines"/>).</param>
/// <param name="Metrics">The mapped metrics by vendor name.</param>
public sealed record VendorMapping(string Vendor, VendorFormat Format, JsonLinesFields? Fields, IReadOnlyDictionary<string, MetricMapping> Metrics);
