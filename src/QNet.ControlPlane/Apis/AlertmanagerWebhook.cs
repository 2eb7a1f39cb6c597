using System.Text.Json.Serialization;

namespace QNet.ControlPlane.Apis;

/// <summary>
/// Alertmanager's webhook body, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config):
/// one notification of a group of alerts.
/// </summary>
/// <param name="Version">Payload version; only "4" is accepted.</param>
/// <param name="GroupKey">Key identifying the alert group.</param>
/// <param name="TruncatedAlerts">Alerts left out because of the receiver's <c>max_alerts</c>.</param>
/// <param name="Status">firing or resolved (the group's).</param>
/// <param name="Receiver">The Alertmanager receiver's name.</param>
/// <param name="GroupLabels">Labels the group is keyed by.</param>
/// <param name="CommonLabels">Labels every alert of the group has.</param>
/// <param name="CommonAnnotations">Annotations every alert of the group has.</param>
/// <param name="ExternalUrl">Link back to the Alertmanager.</param>
/// <param name="Alerts">The alerts.</param>
public sealed record AlertmanagerWebhook(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("groupKey")] string? GroupKey,
    [property: JsonPropertyName("truncatedAlerts")] int? TruncatedAlerts,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("receiver")] string? Receiver,
    [property: JsonPropertyName("groupLabels")] Dictionary<string, string>? GroupLabels,
    [property: JsonPropertyName("commonLabels")] Dictionary<string, string>? CommonLabels,
    [property: JsonPropertyName("commonAnnotations")] Dictionary<string, string>? CommonAnnotations,
    [property: JsonPropertyName("externalURL")] string? ExternalUrl,
    [property: JsonPropertyName("alerts")] List<AlertmanagerWebhookAlert?>? Alerts);

/// <summary>One alert of an <see cref="AlertmanagerWebhook"/>.</summary>
/// <param name="Status">firing or resolved.</param>
/// <param name="Labels">The alert's labels.</param>
/// <param name="Annotations">The alert's annotations.</param>
/// <param name="StartsAt">Start (RFC 3339).</param>
/// <param name="EndsAt">End (RFC 3339; the zero time 0001-01-01 while firing).</param>
/// <param name="GeneratorUrl">Link to the rule that produced it.</param>
/// <param name="Fingerprint">Fingerprint of the labels.</param>
public sealed record AlertmanagerWebhookAlert(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] Dictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset? EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);
