using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>Reads an experiment's probes, steps and expectations, checking names and targets against its network and the default rules.</summary>
internal sealed class ExperimentStepReader(ExperimentFields f, Scenario scenario, IReadOnlyList<string> alerts, IReadOnlyList<string> slos)
{
    private static readonly string[] ProbeKeys = ["type", "name", "probe", "sli", "slo", "alert", "selector", "window", "outcome", "tolerance"];

    private readonly Dictionary<string, (FaultKind Kind, int Line)> _injects = new(StringComparer.Ordinal);

    /// <summary>Reads one probe; <paramref name="toleranceRequired"/> for the hypothesis' probes.</summary>
    public ProbeSpec? Probe(YamlNode node, string path, bool toleranceRequired)
    {
        if (node is not YamlMappingNode map)
        {
            f.Error(node, path, "must be a mapping with name, probe and tolerance");
            return null;
        }
        f.CheckKeys(map, path, ProbeKeys);
        if (f.Str(map, "type", path, required: false) is { } type && type != "probe")
        {
            f.Error(ExperimentFields.Get(map, "type"), path + ".type", $"'{type}' must be probe here");
        }
        var name = f.Str(map, "name", path, required: true) ?? "";
        var kindText = f.Str(map, "probe", path, required: true);
        if (kindText is null)
        {
            return null;
        }
        if (!GameDayNames.Probes.TryGet(kindText, out var kind))
        {
            f.Error(ExperimentFields.Get(map, "probe"), path + ".probe", $"unknown probe '{kindText}'; expected one of {GameDayNames.Probes.List}");
            return null;
        }
        var selector = Selector(map, "selector", path);
        Sli? sli = null;
        string? slo = null, alert = null;
        SessionOutcome? outcome = null;
        double window = 0;
        switch (kind)
        {
            case ProbeKind.Sli:
                var sliText = f.Str(map, "sli", path, required: true);
                if (sliText is not null && GameDayNames.Slis.TryGet(sliText, out var s))
                {
                    sli = s;
                }
                else if (sliText is not null)
                {
                    f.Error(ExperimentFields.Get(map, "sli"), path + ".sli", $"unknown SLI '{sliText}'; expected one of {GameDayNames.Slis.List}");
                }
                window = f.Duration(map, "window", path, required: true) ?? 0;
                break;
            case ProbeKind.Keys:
                window = f.Duration(map, "window", path, required: true) ?? 0;
                break;
            case ProbeKind.Budget:
                slo = Named(map, "slo", path, slos, "SLO");
                break;
            case ProbeKind.Alert:
                alert = Named(map, "alert", path, alerts, "alert");
                break;
            default:
                var outcomeText = f.Str(map, "outcome", path, required: true);
                if (outcomeText is not null && SessionNames.TryOutcome(outcomeText, out var o))
                {
                    outcome = o;
                }
                else if (outcomeText is not null)
                {
                    f.Error(ExperimentFields.Get(map, "outcome"), path + ".outcome", $"unknown session outcome '{outcomeText}'");
                }
                break;
        }
        var tolerance = Tolerance(map, path, kind, toleranceRequired);
        return new ProbeSpec(name, kind, ExperimentFields.Line(map), sli, slo, alert, selector, window, outcome, tolerance);
    }

    /// <summary>Reads a method or the rollbacks.</summary>
    public List<ExperimentStep> Steps(YamlSequenceNode? list, string path, bool required)
    {
        var steps = new List<ExperimentStep>();
        if (list is not null && list.Children.Count == 0 && required)
        {
            f.Error(list, path, "must hold at least one action");
        }
        for (int i = 0; list is not null && i < list.Children.Count; i++)
        {
            var p = ExperimentFields.Index(path, i);
            if (list.Children[i] is not YamlMappingNode map)
            {
                f.Error(list.Children[i], p, "must be a mapping with type action, probe or pause");
                continue;
            }
            var typeText = f.Str(map, "type", p, required: true);
            if (typeText is null)
            {
                continue;
            }
            if (!GameDayNames.Steps.TryGet(typeText, out var type))
            {
                f.Error(ExperimentFields.Get(map, "type"), p + ".type", $"unknown step type '{typeText}'; expected one of {GameDayNames.Steps.List}");
                continue;
            }
            if (type == StepKind.Probe)
            {
                if (Probe(map, p, toleranceRequired: false) is { } probe)
                {
                    steps.Add(new ExperimentStep(StepKind.Probe, probe.Name, probe.Line, null, probe, 0, 0));
                }
                continue;
            }
            if (type == StepKind.Pause)
            {
                f.CheckKeys(map, p, "type", "name", "duration");
                var seconds = f.Duration(map, "duration", p, required: true) ?? 0;
                steps.Add(new ExperimentStep(StepKind.Pause, f.Str(map, "name", p, required: false) ?? "pause", ExperimentFields.Line(map), null, null, seconds, 0));
                continue;
            }
            f.CheckKeys(map, p, "type", "name", "id", "action", "arguments", "pauses");
            var name = f.Str(map, "name", p, required: true) ?? "";
            var id = f.Str(map, "id", p, required: false) ?? name;
            var pauses = f.Map(map, "pauses", p, required: false);
            if (pauses is not null)
            {
                f.CheckKeys(pauses, p + ".pauses", "before", "after");
            }
            double before = f.Duration(pauses, "before", p + ".pauses", required: false) ?? 0;
            double after = f.Duration(pauses, "after", p + ".pauses", required: false) ?? 0;
            if (new ActionReader(f, scenario).Read(map, p, id) is { } action)
            {
                if (action.Kind == ActionKind.InjectFault && !_injects.TryAdd(id, (action.Fault!.Value, ExperimentFields.Line(map))))
                {
                    f.Error(ExperimentFields.Get(map, "id") ?? ExperimentFields.Get(map, "name"), p + ".id", $"another inject-fault step already has the id '{id}'");
                }
                steps.Add(new ExperimentStep(StepKind.Action, name, ExperimentFields.Line(map), action, null, before, after));
            }
        }
        return steps;
    }

    /// <summary>Every clear-fault must name an inject-fault step.</summary>
    public void CheckClears(IEnumerable<ExperimentStep> steps)
    {
        foreach (var s in steps.Where(s => s.Action is { Kind: ActionKind.ClearFault }))
        {
            if (!_injects.ContainsKey(s.Action!.ClearsId!))
            {
                f.Error(s.Line, "arguments.fault", $"no inject-fault step has the id '{s.Action.ClearsId}'{Known()}");
            }
        }
    }

    /// <summary>Reads the expectations; <paramref name="method"/> gives the faults they may be measured from.</summary>
    public List<ExpectationSpec> Expectations(YamlSequenceNode? list, IReadOnlyList<ExperimentStep> method) =>
        new ExpectationReader(f, this, alerts, slos, _injects.Keys.ToArray(), method.Any(s => s.Action is { Kind: ActionKind.InjectFault })).Read(list);

    /// <summary>Label matchers under <paramref name="key"/>; a <c>link</c> or <c>node</c> label must name one of the network's.</summary>
    public IReadOnlyDictionary<string, string> Selector(YamlMappingNode map, string key, string path)
    {
        var labels = f.Labels(map, key, path);
        foreach (var (label, value) in labels)
        {
            bool known = label switch
            {
                "link" or "device" => scenario.Links.Any(l => l.Id == value),
                "node" => scenario.Nodes.Any(n => n.Id == value),
                _ => true,
            };
            if (!known)
            {
                f.Error(ExperimentFields.Get(map, key), $"{path}.{key}.{label}", $"'{value}' is not a {(label == "node" ? "node" : "link")} of the network");
            }
        }
        return labels;
    }

    /// <summary>A tolerance: <c>{lt|le|gt|ge|eq: n}</c>, <c>[low, high]</c>, or alert states.</summary>
    public Tolerance? Tolerance(YamlMappingNode map, string path, ProbeKind kind, bool required)
    {
        var node = ExperimentFields.Get(map, "tolerance");
        var p = path + ".tolerance";
        if (node is null)
        {
            if (required)
            {
                f.Error(map, p, "is required: a comparison such as {gt: 0}, a range [low, high]" + (kind == ProbeKind.Alert ? ", or alert states (inactive, pending, firing)" : ""));
            }
            return null;
        }
        if (kind == ProbeKind.Alert)
        {
            var states = node switch
            {
                YamlScalarNode { Value: { } state } => [state],
                YamlSequenceNode seq => seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToArray(),
                _ => Array.Empty<string>(),
            };
            if (states.Length == 0 || states.Any(s => !GameDayNames.AlertStates.Contains(s)))
            {
                f.Error(node, p, "must be an alert state or a list of them: inactive, pending, firing");
                return null;
            }
            return GameDays.Tolerance.OfStates(states);
        }
        if (node is YamlSequenceNode range)
        {
            if (range.Children.Count == 2 && range.Children[0] is YamlScalarNode { Value: { } a } && range.Children[1] is YamlScalarNode { Value: { } b }
                && ExperimentFields.TryNumber(a, out double low) && ExperimentFields.TryNumber(b, out double high) && low <= high)
            {
                return GameDays.Tolerance.Number(Comparison.Between, low, high);
            }
            f.Error(node, p, "a range must be two numbers [low, high] with low <= high");
            return null;
        }
        if (node is YamlMappingNode cmp && cmp.Children.Count == 1 && cmp.Children.First() is var entry
            && entry.Key is YamlScalarNode { Value: { } op } && GameDayNames.Comparisons.TryGet(op, out var comparison) && comparison is not (Comparison.Between or Comparison.State))
        {
            if (entry.Value is YamlScalarNode { Value: { } text } && ExperimentFields.TryNumber(text, out double bound))
            {
                return GameDays.Tolerance.Number(comparison, bound);
            }
            f.Error(entry.Value, p + "." + op, "must be a number");
            return null;
        }
        f.Error(node, p, "must be one comparison {lt|le|gt|ge|eq: number} or a range [low, high]");
        return null;
    }

    private string? Named(YamlMappingNode map, string key, string path, IReadOnlyList<string> known, string what)
    {
        var name = f.Str(map, key, path, required: true);
        if (name is not null && !known.Contains(name, StringComparer.Ordinal))
        {
            f.Error(ExperimentFields.Get(map, key), path + "." + key, $"unknown {what} '{name}'; the default rules define {string.Join(", ", known)}");
            return null;
        }
        return name;
    }

    private string Known() => _injects.Count == 0 ? "" : "; injected: " + string.Join(", ", _injects.Keys);
}
