using QNet.Sre.Evaluation;
using QNet.Sre.Specs;

namespace QNet.Sre.Alerting;

/// <summary>
/// QNet's in-process Alertmanager: routes firing and resolved alerts from the rule engine by severity, groups
/// them per route and group-by labels (link, region), deduplicates by fingerprint, applies the inhibit rules and
/// the routes' maintenance windows, and decides when a group is notified (group_wait for a new group,
/// group_interval after a change, repeat_interval when unchanged), from the same <see cref="AlertRoutingModel"/>
/// that becomes the Alertmanager configuration.
/// Windows that change while the router runs (declared through an API rather than the spec files) come from
/// <paramref name="extraMaintenance"/>, read at every <see cref="Process"/>: an active one mutes every alert whose
/// labels carry its matchers (all alerts when it has none), as the spec files' windows do in Alertmanager.
/// </summary>
/// <param name="model">Routes, receivers, inhibit rules and the spec files' maintenance intervals.</param>
/// <param name="time">Clock of the alerts (the twin's clock in <c>qnet up</c>).</param>
/// <param name="externalUrl">Base of the alerts' <c>generatorURL</c>.</param>
/// <param name="extraMaintenance">Current extra maintenance windows; null for none.</param>
public sealed class AlertRouter(AlertRoutingModel model, TimeProvider time, string externalUrl = "http://127.0.0.1:8080",
    Func<IReadOnlyList<MaintenanceWindow>>? extraMaintenance = null)
{
    private readonly Dictionary<string, GroupState> _groups = [];

    /// <summary>The alerts seen by the last <see cref="Process"/>, with their routing decisions.</summary>
    public IReadOnlyList<RoutedAlert> Current { get; private set; } = [];

    /// <summary>Takes the rule engine's current alerts and returns the notifications due now.</summary>
    public IReadOnlyList<Notification> Process(IEnumerable<AlertState> alerts)
    {
        var now = time.GetUtcNow();
        var relevant = alerts
            .Where(a => a.Status == AlertStatus.Firing || (a.Status == AlertStatus.Inactive && a.ResolvedAt is not null))
            .GroupBy(a => Fingerprint.Of(a.Labels))
            .Select(g => g.OrderByDescending(a => a.Status == AlertStatus.Firing).First())
            .ToList();
        var firing = relevant.Where(a => a.Status == AlertStatus.Firing).ToList();
        var extra = (extraMaintenance?.Invoke() ?? []).Where(w => w.IsActive(now)).ToList();
        Current = relevant.Select(a => Route(a, firing, extra, now)).ToList();

        var notifications = new List<Notification>();
        var keys = Current.Select(r => r.GroupKey).Concat(_groups.Keys).Distinct().ToList();
        foreach (var key in keys)
        {
            var members = Current.Where(r => r.GroupKey == key).ToList();
            var state = _groups.GetValueOrDefault(key);
            var active = members.Where(r => r.Alert.Status == AlertStatus.Firing && !r.Inhibited && !r.Muted).ToList();
            var resolved = members.Where(r => r.Alert.Status == AlertStatus.Inactive && state is not null && state.Notified.Contains(r.Fingerprint)).ToList();
            if (state is null)
            {
                if (active.Count == 0)
                {
                    continue;
                }

                var route = FindRoute(model.Root, active[0].Alert.Labels);
                state = new GroupState(route, now);
                _groups[key] = state;
            }

            var activeSet = active.Select(r => r.Fingerprint).ToHashSet();
            var changed = !activeSet.SetEquals(state.Notified) || resolved.Count > 0;
            var due = state.LastNotified is not { } last
                ? now >= state.FirstSeen + state.Route.GroupWait
                : (changed && now >= last + state.Route.GroupInterval) || (!changed && active.Count > 0 && now >= last + state.Route.RepeatInterval);
            if (!due || (active.Count == 0 && resolved.Count == 0))
            {
                if (active.Count == 0 && resolved.Count == 0 && state.Notified.Count == 0)
                {
                    _groups.Remove(key);
                }

                continue;
            }

            notifications.Add(Message(key, state.Route, active.Concat(resolved).ToList()));
            state.LastNotified = now;
            state.Notified = activeSet;
            if (active.Count == 0)
            {
                _groups.Remove(key);
            }
        }

        return notifications;
    }

    private RoutedAlert Route(AlertState alert, List<AlertState> firing, List<MaintenanceWindow> extra, DateTimeOffset now)
    {
        var route = FindRoute(model.Root, alert.Labels);
        var inhibited = IsInhibited(model.InhibitRules, alert, firing);
        var muted = route.MuteTimeIntervals.Any(name => model.TimeIntervals.Any(w => w.Name == name && w.IsActive(now)))
            || extra.Any(w => w.AppliesTo(alert.Labels));
        var groupLabels = model.GroupBy.Where(alert.Labels.ContainsKey).ToDictionary(l => l, l => alert.Labels[l]);
        var key = RouteKey(model.Root, alert.Labels) + ":{" + string.Join(", ", groupLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";
        return new RoutedAlert(alert, Fingerprint.Of(alert.Labels), route.Receiver, key, inhibited, muted);
    }

    /// <summary>
    /// Alertmanager's inhibition: true when a rule's target matchers match <paramref name="alert"/> and another alert of
    /// <paramref name="firing"/> matches its source matchers with equal values of the rule's <c>equal</c> labels.
    /// </summary>
    public static bool IsInhibited(IReadOnlyList<InhibitRule> rules, AlertState alert, IReadOnlyCollection<AlertState> firing) =>
        rules.Any(rule =>
            Matches(rule.TargetMatchers, alert.Labels) &&
            firing.Any(src => !ReferenceEquals(src, alert) && Matches(rule.SourceMatchers, src.Labels) &&
                rule.Equal.All(l => src.Labels.GetValueOrDefault(l, "") == alert.Labels.GetValueOrDefault(l, ""))));

    private static bool Matches(IReadOnlyDictionary<string, string> matchers, IReadOnlyDictionary<string, string> labels) =>
        matchers.All(kv => labels.GetValueOrDefault(kv.Key, "") == kv.Value);

    private static AlertRoute FindRoute(AlertRoute route, IReadOnlyDictionary<string, string> labels)
    {
        var child = route.Children.FirstOrDefault(c => c.Matches(labels));
        return child is null ? route : FindRoute(child, labels);
    }

    private static string RouteKey(AlertRoute route, IReadOnlyDictionary<string, string> labels)
    {
        var key = "{}";
        var current = route;
        while (current.Children.FirstOrDefault(c => c.Matches(labels)) is { } child)
        {
            key += "/{" + string.Join(",", child.Matchers.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";
            current = child;
        }

        return key;
    }

    private Notification Message(string key, AlertRoute route, List<RoutedAlert> alerts)
    {
        var webhookAlerts = alerts.Select(r => new WebhookAlert(
            r.Alert.Status == AlertStatus.Firing ? "firing" : "resolved",
            r.Alert.Labels,
            r.Alert.Annotations,
            r.Alert.FiredAt ?? r.Alert.ActiveAt,
            r.Alert.ResolvedAt ?? DateTimeOffset.MinValue,
            externalUrl + "/api/alerts?fingerprint=" + r.Fingerprint,
            r.Fingerprint)).ToList();
        var first = alerts[0].Alert;
        var groupLabels = model.GroupBy.Where(first.Labels.ContainsKey).ToDictionary(l => l, l => first.Labels[l]);
        var receiver = model.Receivers.Single(r => r.Name == route.Receiver);
        var message = new WebhookMessage(
            "4",
            key,
            0,
            webhookAlerts.Any(a => a.Status == "firing") ? "firing" : "resolved",
            receiver.Name,
            groupLabels,
            Common(alerts.Select(a => a.Alert.Labels)),
            Common(alerts.Select(a => a.Alert.Annotations)),
            externalUrl,
            webhookAlerts);
        return new Notification(receiver.WebhookUrl, message);
    }

    private static Dictionary<string, string> Common(IEnumerable<IReadOnlyDictionary<string, string>> sets)
    {
        var list = sets.ToList();
        return list[0].Where(kv => list.All(s => s.TryGetValue(kv.Key, out var v) && v == kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    private sealed class GroupState(AlertRoute route, DateTimeOffset firstSeen)
    {
        public AlertRoute Route { get; } = route;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset? LastNotified { get; set; }

        public HashSet<string> Notified { get; set; } = [];
    }
}
