using QNet.Sre.Rules;
using QNet.Sre.Specs;

namespace QNet.Sre.Alerting;

/// <summary>A route: alerts whose labels equal every matcher go to <see cref="Receiver"/> (children first).</summary>
/// <param name="Receiver">Receiver name.</param>
/// <param name="Matchers">Label equality matchers (empty: matches everything).</param>
/// <param name="MuteTimeIntervals">Names of maintenance windows that mute this route while active.</param>
/// <param name="GroupWait">Wait before the first notification of a new group.</param>
/// <param name="GroupInterval">Wait before notifying about changes in a group.</param>
/// <param name="RepeatInterval">Wait before repeating an unchanged notification.</param>
/// <param name="Children">More specific routes (matched first; the first that matches wins).</param>
public sealed record AlertRoute(
    string Receiver,
    IReadOnlyDictionary<string, string> Matchers,
    IReadOnlyList<string> MuteTimeIntervals,
    TimeSpan GroupWait,
    TimeSpan GroupInterval,
    TimeSpan RepeatInterval,
    IReadOnlyList<AlertRoute> Children)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Matchers.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>An inhibition: a firing source alert mutes target alerts that share the values of <see cref="Equal"/>.</summary>
public sealed record InhibitRule(IReadOnlyDictionary<string, string> SourceMatchers, IReadOnlyDictionary<string, string> TargetMatchers, IReadOnlyList<string> Equal);

/// <summary>A webhook receiver.</summary>
public sealed record Receiver(string Name, string WebhookUrl);

/// <summary>
/// Routing, grouping, inhibition and maintenance muting, built once from the SLO specs. The Alertmanager config
/// writer renders it and the in-process alert router applies it, so both behave the same.
/// </summary>
public sealed record AlertRoutingModel(
    IReadOnlyList<string> GroupBy,
    AlertRoute Root,
    IReadOnlyList<InhibitRule> InhibitRules,
    IReadOnlyList<Receiver> Receivers,
    IReadOnlyList<MaintenanceWindow> TimeIntervals)
{
    public const string PageReceiver = "qnet-page";
    public const string TicketReceiver = "qnet-ticket";

    /// <summary>The labels alerts are grouped by (Alertmanager's <c>group_by</c>; incidents group alike).</summary>
    public static IReadOnlyList<string> GroupLabels { get; } = ["link", "region"];

    /// <summary>Builds the model: page and ticket routes, per-window child routes, and QNet's inhibition rules.</summary>
    public static AlertRoutingModel Build(SpecSet specs, AlertingOptions options)
    {
        var groupLabels = specs.Slos.SelectMany(s => s.GroupBy).Append("link").Append("region").Distinct().Order(StringComparer.Ordinal).ToList();
        var global = specs.MaintenanceWindows.Where(w => w.Matchers.Count == 0).Select(w => w.Name).ToList();
        var scoped = specs.MaintenanceWindows.Where(w => w.Matchers.Count > 0).ToList();

        AlertRoute Severity(string severity, string receiver, TimeSpan wait, TimeSpan repeat)
        {
            var children = scoped.Select(w => new AlertRoute(receiver, w.Matchers, [.. global, w.Name], wait, TimeSpan.FromMinutes(5), repeat, [])).ToList();
            return new AlertRoute(receiver, new Dictionary<string, string> { ["severity"] = severity }, global, wait, TimeSpan.FromMinutes(5), repeat, children);
        }

        var root = new AlertRoute(
            TicketReceiver,
            new Dictionary<string, string>(),
            [],
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMinutes(5),
            TimeSpan.FromHours(4),
            [Severity("page", PageReceiver, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)), Severity("ticket", TicketReceiver, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24))]);
        var inhibit = new List<InhibitRule>
        {
            new(new Dictionary<string, string> { ["severity"] = "page" }, new Dictionary<string, string> { ["severity"] = "ticket" }, ["alertname", "slo", .. groupLabels]),
            new(new Dictionary<string, string> { ["alertname"] = RuleNames.LinkDownAlert }, new Dictionary<string, string> { [RuleNames.LayerLabel] = "session" }, ["region"]),
            new(new Dictionary<string, string> { ["alertname"] = RuleNames.LinkDownAlert }, new Dictionary<string, string> { [RuleNames.LayerLabel] = "link" }, ["link"]),
        };
        Receiver[] receivers = [new(PageReceiver, options.PageWebhookUrl), new(TicketReceiver, options.TicketWebhookUrl)];
        return new AlertRoutingModel(GroupLabels, root, inhibit, receivers, specs.MaintenanceWindows);
    }
}
