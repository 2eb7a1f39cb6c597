namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// One label of a mapped sample: either a fixed value (<c>device: spd-1</c>) or copied from one of the vendor's
/// labels (<c>device: $channel</c>). Vendor labels no rule names are not passed on: QNet's labels stay few and known.
/// </summary>
/// <param name="Label">The QNet label name.</param>
/// <param name="Literal">The fixed value, when the rule is not a copy.</param>
/// <param name="FromVendorLabel">The vendor label whose value is copied, when it is.</param>
public sealed record LabelRule(string Label, string? Literal, string? FromVendorLabel);
