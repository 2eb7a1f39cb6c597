using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.ControlPlane.ConfigChanges;

/// <summary>
/// Runs safe configuration changes on the twin's clock (deterministic for a seeded twin): a change first observes its
/// canary and baseline links for one bake time, then applies the new value to the canary alone and bakes for another,
/// then judges the canary by its <see cref="ConfigChangeRule"/> and promotes the value to the baseline links or sets
/// the canary back by itself. One change runs at a time (two would confound each other's comparison). Every step is
/// reported through <see cref="Stepped"/> (the twin makes it an event and a count). Simulation thread only, except
/// <see cref="All"/>, which is swapped whole.
/// </summary>
internal sealed class ConfigChangeRunner(Twin.Twin twin) : IEventHandler
{
    private const int ObservedEvent = 0;
    private const int BakedEvent = 1;

    private readonly List<RunningChange> _changes = [];
    private volatile ConfigChangeView[] _views = [];

    /// <summary>Hears every step with the change as it is after it (simulation thread).</summary>
    public Action<ConfigChangeView, ConfigChangeStepView>? Stepped { get; set; }

    /// <summary>Every change since start (and those restored from the store), oldest first.</summary>
    public IReadOnlyList<ConfigChangeView> All => _views;

    /// <summary>
    /// Starts a change now: its before-window begins. Returns the change, or the field and message of what is wrong
    /// (Conflict set when another change is still running).
    /// </summary>
    public (ConfigChangeView? Change, string? Field, string? Error, bool Conflict) Start(ConfigChangeRequest request, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ConfigFields.TryParse(request.Field, out var field))
        {
            return (null, "field", request.Field is null ? $"is required; one of {ConfigFields.Alternatives}" : $"unknown field '{request.Field}'; must be {ConfigFields.Alternatives}", false);
        }
        if (request.Value is not { } value)
        {
            return (null, "value", "is required", false);
        }
        if (ConfigFields.Invalid(field, value) is { } invalid)
        {
            return (null, "value", invalid, false);
        }
        LinkSpec? canary;
        if (request.Link is null)
        {
            canary = twin.Scenario.Links.FirstOrDefault(l => ConfigFields.NotApplicable(field, l) is null);
            if (canary is null)
            {
                return (null, "field", $"no link of this network has {ConfigFields.Of(field)}", false);
            }
        }
        else
        {
            canary = twin.Scenario.Links.FirstOrDefault(l => l.Id == request.Link);
            if (canary is null)
            {
                return (null, "link", $"'{request.Link}' is not a link of the network", false);
            }
            if (ConfigFields.NotApplicable(field, canary) is { } na)
            {
                return (null, "field", na, false);
            }
        }
        bool qkd = ConfigFields.IsQkd(field);
        var (rule, ruleField, ruleError) = request.Rule(qkd);
        if (rule is null)
        {
            return (null, ruleField, ruleError, false);
        }
        double previous = Current(field, canary.Id);
        if (previous == value)
        {
            return (null, "value", $"is already the value of {ConfigFields.Of(field)} on '{canary.Id}'", false);
        }
        if (_changes.FirstOrDefault(c => !ConfigChangeStatuses.Ended(c.Status)) is { } running)
        {
            return (null, "id", $"configuration change {running.Id} is still {ConfigChangeStatuses.Of(running.Status)}; wait for it or abort it", true);
        }
        string[] baseline = twin.Scenario.Links
            .Where(l => l.Id != canary.Id && ConfigFields.NotApplicable(field, l) is null && (qkd || l.Heralding == canary.Heralding))
            .Select(l => l.Id).ToArray();
        // A link on a session path through the canary delivers at the canary's pace: it cannot tell the change's effect apart.
        var coupled = twin.Scheduler.ServedPaths.Where(p => p.Links.Contains(canary.Id)).SelectMany(p => p.Links).ToHashSet(StringComparer.Ordinal);
        string[] compared = baseline.Where(l => !coupled.Contains(l)).ToArray();
        var change = new RunningChange("cc-" + Guid.NewGuid().ToString("N")[..12], field, value, canary.Id, previous, baseline, compared, rule, at);
        change.Start = Tallies(change);
        _changes.Add(change);
        twin.Simulator.Schedule(SimTime.FromSeconds(rule.BakeSeconds), this, ObservedEvent, _changes.Count - 1);
        Step(change, ConfigChangeStatus.Observing, "requested",
            $"{ConfigFields.Of(field)} {previous} → {value} on canary {canary.Id}; observing it and {compared.Length} independent baseline link(s) " +
            $"({baseline.Length - compared.Length} share a session path with it) for {rule.BakeSeconds} s before the change");
        return (change.View, null, null, false);
    }

    /// <summary>Aborts a running change: the canary is set back if it took the change. Null for an unknown id; the error when it has ended.</summary>
    public (ConfigChangeView? Change, string? Error) Abort(string id, string reason = "aborted by an operator")
    {
        var change = _changes.FirstOrDefault(c => c.Id == id);
        if (change is null)
        {
            return (null, null);
        }
        if (ConfigChangeStatuses.Ended(change.Status))
        {
            return (change.View, $"configuration change {id} has already ended ({ConfigChangeStatuses.Of(change.Status)})");
        }
        if (change.Status == ConfigChangeStatus.Baking)
        {
            Apply(change.Field, change.Canary, change.Previous);
            reason += $"; canary {change.Canary} set back to {change.Previous}";
        }
        Step(change, ConfigChangeStatus.Aborted, "aborted", reason);
        twin.Scheduler.RunUntil(twin.Simulator.Now); // sessions on the set-back canary restart now
        return (change.View, null);
    }

    /// <summary>
    /// Takes back changes from the store after a restart: promoted ones are applied again to their canary and baseline
    /// (the twin restarts from the scenario file), in the order they were made; ones still running are recorded as
    /// aborted (the twin that ran their windows is gone). Returns the changes whose record changed.
    /// </summary>
    public IReadOnlyList<ConfigChangeView> Restore(IEnumerable<ConfigChangeView> stored)
    {
        var changed = new List<ConfigChangeView>();
        foreach (var view in stored.OrderBy(v => v.CreatedAt))
        {
            if (!ConfigFields.TryParse(view.Field, out var field) || !ConfigChangeStatuses.TryParse(view.Status, out var status))
            {
                continue;
            }
            var r = view.Rule;
            var change = new RunningChange(view.Id, field, view.Value, view.Canary, view.Previous, [.. view.Baseline], [.. view.Compared ?? []],
                new ConfigChangeRule(r.BakeSeconds, r.QualityMargin, r.RateMargin, r.NoiseSigmas, r.MinSamples), view.CreatedAt)
            {
                Status = status,
                UpdatedAt = view.UpdatedAt,
                Figures = view.Figures,
            };
            change.Steps.AddRange(view.Steps);
            _changes.Add(change);
            if (status == ConfigChangeStatus.Promoted)
            {
                foreach (string link in view.Baseline.Prepend(view.Canary).Where(l => Applies(field, l)))
                {
                    Apply(field, link, view.Value);
                }
                Publish();
            }
            else if (!ConfigChangeStatuses.Ended(status))
            {
                Step(change, ConfigChangeStatus.Aborted, "aborted", "interrupted by a restart of the control plane; the canary runs its scenario value again");
                changed.Add(change.View);
            }
            else
            {
                Publish();
            }
        }
        twin.Scheduler.RunUntil(twin.Simulator.Now);
        return changed;
    }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        var change = _changes[(int)argument];
        if (ConfigChangeStatuses.Ended(change.Status))
        {
            return; // aborted meanwhile
        }
        if (kind == ObservedEvent)
        {
            change.Observed = Tallies(change);
            Apply(change.Field, change.Canary, change.Value);
            twin.Simulator.Schedule(SimTime.FromSeconds(change.Rule.BakeSeconds), this, BakedEvent, argument);
            Step(change, ConfigChangeStatus.Baking, "canary-applied",
                $"{ConfigFields.Of(change.Field)} = {change.Value} on canary {change.Canary}; baking for {change.Rule.BakeSeconds} s");
            return;
        }
        var baked = Tallies(change);
        var canaryBefore = SliWindow.Between(change.Start[0], change.Observed[0]);
        var canaryAfter = SliWindow.Between(change.Observed[0], baked[0]);
        SliWindow? baseBefore = null, baseAfter = null;
        for (int i = 1; i < baked.Length; i++)
        {
            baseBefore = (baseBefore ?? default) + SliWindow.Between(change.Start[i], change.Observed[i]);
            baseAfter = (baseAfter ?? default) + SliWindow.Between(change.Observed[i], baked[i]);
        }
        var verdict = change.Rule.Judge(canaryBefore, canaryAfter, baseBefore, baseAfter);
        change.Figures = Figures(canaryBefore, canaryAfter, baseBefore, baseAfter, verdict);
        if (verdict.Kind == ConfigVerdictKind.Healthy)
        {
            foreach (string link in change.Baseline)
            {
                Apply(change.Field, link, change.Value);
            }
            Step(change, ConfigChangeStatus.Promoted, "promoted",
                $"canary {change.Canary} held: {verdict.Reason}; {ConfigFields.Of(change.Field)} = {change.Value} applied to {change.Baseline.Count} baseline link(s)");
        }
        else
        {
            Apply(change.Field, change.Canary, change.Previous);
            Step(change, ConfigChangeStatus.RolledBack, "rolled-back",
                $"canary {change.Canary} {(verdict.Kind == ConfigVerdictKind.Regressed ? "regressed" : "was inconclusive")}: {verdict.Reason}; set back to {change.Previous}");
        }
    }

    private static ConfigChangeFiguresView Figures(SliWindow cb, SliWindow ca, SliWindow? bb, SliWindow? ba, ConfigVerdict v)
    {
        static double? Finite(double x) => double.IsFinite(x) ? x : null;
        string verdict = v.Kind switch
        {
            ConfigVerdictKind.Healthy => "healthy",
            ConfigVerdictKind.Regressed => "regressed",
            _ => "inconclusive",
        };
        return new ConfigChangeFiguresView(SliFigures.Of(cb), SliFigures.Of(ca), bb is { } b0 ? SliFigures.Of(b0) : null, ba is { } b1 ? SliFigures.Of(b1) : null,
            Finite(v.QualityShift), Finite(v.QualityFloor), Finite(Math.Exp(v.RateShift)), Finite(Math.Exp(v.RateFloor)), verdict);
    }

    // A stored change may name a link the scenario no longer has (or has in another form): it is skipped there.
    private bool Applies(ConfigField field, string link) => twin.Scenario.Links.FirstOrDefault(l => l.Id == link) is { } spec && ConfigFields.NotApplicable(field, spec) is null;

    // The field's value on a link now (its configuration, without faults).
    private double Current(ConfigField field, string link) => ConfigFields.IsQkd(field)
        ? twin.Qkd.First(q => q.Link.Id == link).Configuration.Ends.Initiator.Version
        : ConfigFields.Read(field, twin.FaultInjector.BaseLink(link)!);

    private void Apply(ConfigField field, string link, double value)
    {
        if (ConfigFields.IsQkd(field))
        {
            // Both ends move together (a coordinated upgrade), so the compatibility check between them has nothing to refuse.
            var driver = twin.Qkd.First(q => q.Link.Id == link);
            driver.ChangeConfiguration(QkdLinkEnd.Initiator, (int)value, checkCompatibility: false, twin.Simulator.Now.Seconds);
            driver.ChangeConfiguration(QkdLinkEnd.Responder, (int)value, checkCompatibility: false, twin.Simulator.Now.Seconds);
            return;
        }
        twin.FaultInjector.Reconfigure(ConfigFields.Set(field, twin.FaultInjector.BaseLink(link)!, value));
    }

    // Cumulative tallies now: the canary first, then each compared baseline link.
    private SliWindow[] Tallies(RunningChange change)
    {
        double now = twin.Simulator.Now.Seconds;
        return [.. change.Compared.Prepend(change.Canary).Select(link =>
        {
            if (ConfigFields.IsQkd(change.Field))
            {
                var q = twin.Qkd.First(d => d.Link.Id == link);
                double blocks = q.Blocks, verified = Math.Max(0, blocks - q.VerificationFailures);
                return new SliWindow(blocks, verified, verified, now);
            }
            var o = twin.Observer;
            return new SliWindow(o.LinkPairs.GetValueOrDefault(link), o.LinkFidelitySum.GetValueOrDefault(link), o.LinkFidelitySquares.GetValueOrDefault(link), now);
        })];
    }

    private void Step(RunningChange change, ConfigChangeStatus status, string step, string reason)
    {
        change.Status = status;
        change.UpdatedAt = twin.Clock.At(twin.Simulator.Now);
        var s = new ConfigChangeStepView(twin.Simulator.Now.Seconds, step, reason);
        change.Steps.Add(s);
        Publish();
        Stepped?.Invoke(change.View, s);
    }

    private void Publish() => _views = [.. _changes.Select(c => c.View)];

    // A change's mutable state (simulation thread).
    private sealed class RunningChange(string id, ConfigField field, double value, string canary, double previous, IReadOnlyList<string> baseline,
        IReadOnlyList<string> compared, ConfigChangeRule rule, DateTimeOffset createdAt)
    {
        public string Id { get; } = id;
        public ConfigField Field { get; } = field;
        public double Value { get; } = value;
        public string Canary { get; } = canary;
        public double Previous { get; } = previous;
        public IReadOnlyList<string> Baseline { get; } = baseline;
        public IReadOnlyList<string> Compared { get; } = compared;
        public ConfigChangeRule Rule { get; } = rule;
        public ConfigChangeStatus Status { get; set; }
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public DateTimeOffset UpdatedAt { get; set; } = createdAt;
        public List<ConfigChangeStepView> Steps { get; } = [];
        public ConfigChangeFiguresView? Figures { get; set; }
        public SliWindow[] Start { get; set; } = [];
        public SliWindow[] Observed { get; set; } = [];

        public ConfigChangeView View => new(Id, ConfigFields.Of(Field), Value, Canary, Previous, Baseline, Compared, ConfigChangeStatuses.Of(Status), CreatedAt, UpdatedAt,
            new ConfigChangeRuleView(Rule.BakeSeconds, Rule.QualityMargin, Rule.RateMargin, Rule.NoiseSigmas, Rule.MinSamples), [.. Steps], Figures);
    }
}
