namespace QNet.Agent.Telemetry.Vendor;

/// <summary>How one vendor metric becomes one QNet metric.</summary>
/// <param name="VendorMetric">The metric's name in the vendor's telemetry.</param>
/// <param name="QNetMetric">A name from <c>QNet.Sre.MetricCatalogue</c> (exposed form, e.g. with <c>_total</c> for counters).</param>
/// <param name="Unit">The unit the vendor reports in; its dimension matches the QNet metric's.</param>
/// <param name="Labels">The labels the sample carries besides <c>node</c>.</param>
/// <param name="Line">The mapping file line of this entry, for messages about readings it maps.</param>
public sealed record MetricMapping(string VendorMetric, string QNetMetric, VendorUnit Unit, IReadOnlyList<LabelRule> Labels, int Line);
