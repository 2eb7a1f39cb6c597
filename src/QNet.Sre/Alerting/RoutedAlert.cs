using QNet.Sre.Evaluation;

namespace QNet.Sre.Alerting;

/// <summary>An alert as the router sees it: where it goes and whether it is held back.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Fingerprint">Alertmanager fingerprint of its labels (deduplication key).</param>
/// <param name="Receiver">Receiver of the matching route.</param>
/// <param name="GroupKey">Alertmanager-style group key (route path, then the group-by label values).</param>
/// <param name="Inhibited">True when a firing source alert of an inhibit rule mutes it.</param>
/// <param name="Muted">True when a maintenance window of its route is active.</param>
public sealed record RoutedAlert(AlertState Alert, string Fingerprint, string Receiver, string GroupKey, bool Inhibited, bool Muted);

/// <summary>A notification to POST: the receiver's URL and the Alertmanager-format payload.</summary>
public sealed record Notification(string Url, WebhookMessage Message);
