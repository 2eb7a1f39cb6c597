using System.Reflection;
using QNet.Sre.Evaluation;
using QNet.Sre.Specs;

namespace QNet.ControlPlane.Slo;

/// <summary>An alert as the API shows it.</summary>
/// <param name="Name">Alert name.</param>
/// <param name="Labels">Labels (alertname, severity, the group's labels...).</param>
/// <param name="Annotations">Summary, description, runbook_url.</param>
/// <param name="Status">pending, firing or resolved.</param>
/// <param name="ActiveAt">When the condition first held (twin time).</param>
/// <param name="FiredAt">When it started firing.</param>
/// <param name="ResolvedAt">When it resolved.</param>
/// <param name="Value">Long-window error ratio at the last evaluation.</param>
/// <param name="Suppressed">True while a maintenance window covers it.</param>
/// <param name="Inhibited">True while it fires and another firing alert inhibits it under QNet's inhibition rules
/// (a page inhibits the ticket of the same SLO and group; QNetLinkDown inhibits the link- and session-layer alerts it explains).</param>
public sealed record AlertView(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string Status,
    DateTimeOffset ActiveAt, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt, double Value, bool Suppressed, bool Inhibited = false);

/// <summary>
/// Runs the Sre <see cref="SloEvaluator"/> over the twin's metric history on the twin's clock: the shipped default
/// SLOs (deploy/slo/qnet-default.yaml, embedded) unless other spec files are given. Ticked by the simulation thread
/// after each history sample; readers get the last published alerts and budgets.
/// </summary>
internal sealed class SloMonitor
{
    private readonly SloEvaluator _evaluator;
    private readonly TimeProvider _clock;
    private readonly Func<IReadOnlyList<MaintenanceWindow>> _maintenance;
    private readonly IMetricHistory _history;
    private readonly AlertNotifications? _notifications;
    private readonly IReadOnlyList<Sre.Alerting.InhibitRule> _inhibitRules;
    private volatile IReadOnlyList<AlertView> _alerts = [];
    private volatile IReadOnlyList<SloStatus> _status = [];
    private long _nextStatus = long.MinValue;

    /// <param name="maintenance">The API's windows, already as Sre windows (<see cref="ApiMaintenanceWindows.Current"/>).</param>
    public SloMonitor(SpecSet specs, IMetricHistory history, TimeProvider clock, Func<IReadOnlyList<MaintenanceWindow>> maintenance,
        AlertNotifications? notifications = null)
    {
        Specs = specs;
        _clock = clock;
        _maintenance = maintenance;
        _history = history;
        _notifications = notifications;
        _evaluator = new SloEvaluator(specs, history, clock);
        // The inhibition rules do not depend on the receivers, so they hold whether or not notifications are sent.
        _inhibitRules = Sre.Alerting.AlertRoutingModel.Build(specs, Sre.Alerting.AlertingOptions.Default).InhibitRules;
    }

    /// <summary>The incident record fed with the alert transitions of every tick (null: none).</summary>
    public Incidents.IncidentBook? Incidents { get; init; }

    /// <summary>The specs in force.</summary>
    public SpecSet Specs { get; }

    /// <summary>Alerts at the last tick.</summary>
    public IReadOnlyList<AlertView> Alerts => _alerts;

    /// <summary>Budgets at the last status computation.</summary>
    public IReadOnlyList<SloStatus> Status => _status;

    /// <summary>Evaluates due rule instants and, at most once per <paramref name="statusEveryTicks"/> timestamp ticks of wall time, the budgets.</summary>
    public void Tick(long wallTimestamp, long statusEveryTicks)
    {
        _evaluator.Tick();
        _notifications?.Process(_evaluator.Alerts);
        var now = _clock.GetUtcNow();
        // Widened to whole minutes, as the router mutes and the budgets exclude them: "suppressed" means "muted".
        var windows = _maintenance().Where(w => w.IsActive(now)).ToArray();
        var firing = _evaluator.Alerts.Where(a => a.Status == AlertStatus.Firing).ToList();
        _alerts = _evaluator.Alerts.Select(a => new AlertView(a.Name, a.Labels, a.Annotations,
            a.Status switch { AlertStatus.Firing => "firing", AlertStatus.Pending => "pending", _ => "resolved" },
            a.ActiveAt, a.FiredAt, a.ResolvedAt, a.Value,
            windows.Any(w => w.AppliesTo(a.Labels)),
            a.Status == AlertStatus.Firing && Sre.Alerting.AlertRouter.IsInhibited(_inhibitRules, a, firing))).ToArray();
        Incidents?.ObserveInProcess(_alerts, (_notifications?.Current.Where(r => r.Inhibited).Select(r => r.Fingerprint) ?? []).ToHashSet(StringComparer.Ordinal));
        if (wallTimestamp >= _nextStatus)
        {
            _status = BudgetStatus();
            _nextStatus = wallTimestamp + statusEveryTicks;
        }
    }

    /// <summary>
    /// Budgets with the API's maintenance windows excluded as well as the spec files' ones. The evaluator's window
    /// set is fixed at construction, so when the API declares windows the budgets come from an evaluator built over
    /// the extended set (budgets read only the history) and the burn rates from the running one.
    /// </summary>
    private IReadOnlyList<SloStatus> BudgetStatus()
    {
        var running = _evaluator.Status();
        var api = _maintenance();
        if (api.Count == 0)
        {
            return running;
        }

        var windows = Specs.MaintenanceWindows.Concat(api).ToArray();
        var budgets = new SloEvaluator(Specs with { MaintenanceWindows = windows }, _history, _clock).Status();
        return budgets.Select(b => b with
        {
            BurnRates = running.FirstOrDefault(r => r.Slo == b.Slo && SameGroup(r.Group, b.Group))?.BurnRates ?? b.BurnRates,
        }).ToArray();
    }

    private static bool SameGroup(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Loads spec files, or the embedded default set when <paramref name="files"/> is empty.</summary>
    public static SpecSet LoadSpecs(IReadOnlyList<string> files)
    {
        SpecParseResult result;
        if (files.Count > 0)
        {
            result = SpecParser.ParseFiles(files);
        }
        else
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QNet.ControlPlane.qnet-default.yaml")
                ?? throw new InvalidOperationException("the default SLO specs are not embedded");
            using var reader = new StreamReader(stream);
            result = SpecParser.Parse(reader.ReadToEnd(), "qnet-default.yaml");
        }
        return result.Specs ?? throw new InvalidOperationException("SLO specs are invalid: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
    }
}
