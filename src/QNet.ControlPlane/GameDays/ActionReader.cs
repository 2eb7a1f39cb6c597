using QNet.Network.Mitigation;
using QNet.Network.Scenarios;
using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>Reads an action step's <c>action</c> and <c>arguments</c>, checking targets and values against the network.</summary>
internal sealed class ActionReader(ExperimentFields f, Scenario scenario)
{
    public ActionSpec? Read(YamlMappingNode map, string path, string id)
    {
        var verb = f.Str(map, "action", path, required: true);
        if (verb is null)
        {
            return null;
        }
        if (!GameDayNames.Actions.TryGet(verb, out var kind))
        {
            f.Error(ExperimentFields.Get(map, "action"), path + ".action", $"unknown action '{verb}'; expected one of {GameDayNames.Actions.List}");
            return null;
        }
        var a = f.Map(map, "arguments", path, required: kind != ActionKind.SetMitigation);
        var p = path + ".arguments";
        int errors = f.Errors.Count;
        ActionSpec? spec = kind switch
        {
            ActionKind.InjectFault => Inject(a, p, id),
            ActionKind.ClearFault => Clear(a, p, id),
            ActionKind.StartSession or ActionKind.RequestLoad => Session(kind, a, p, id),
            ActionKind.OpenMaintenance => Maintenance(a, p, id),
            _ => SetMitigation(a, p, id),
        };
        return f.Errors.Count == errors ? spec : null;
    }

    private ActionSpec? Inject(YamlMappingNode? a, string p, string id)
    {
        if (a is null)
        {
            return null;
        }
        f.CheckKeys(a, p, "kind", "target", "magnitude", "duration");
        var kindText = f.Str(a, "kind", p, required: true);
        var target = f.Str(a, "target", p, required: true);
        if (kindText is null)
        {
            return null;
        }
        if (!FaultKinds.TryParse(kindText, out var fault))
        {
            f.Error(ExperimentFields.Get(a, "kind"), p + ".kind", $"unknown fault kind '{kindText}'; expected one of {string.Join(", ", FaultKinds.Names)}");
            return null;
        }
        double magnitude = f.Number(a, "magnitude", p, required: fault != FaultKind.LinkCut) ?? 0;
        double? duration = f.Duration(a, "duration", p, required: false);
        if (target is not null && FaultTargets.Problem(scenario, fault, target) is { } t)
        {
            f.Error(ExperimentFields.Get(a, "target"), p + ".target", t);
        }
        if (FaultSpec.Problem(fault, magnitude, 0, duration) is { } problem)
        {
            f.Error(ExperimentFields.Get(a, problem.Field) ?? a, p + "." + problem.Field, problem.Message);
        }
        return new ActionSpec(ActionKind.InjectFault, id, fault, target, magnitude, duration);
    }

    private ActionSpec? Clear(YamlMappingNode? a, string p, string id)
    {
        if (a is null)
        {
            return null;
        }
        f.CheckKeys(a, p, "fault");
        var fault = f.Str(a, "fault", p, required: true);
        return fault is null ? null : new ActionSpec(ActionKind.ClearFault, id, ClearsId: fault);
    }

    private ActionSpec? Session(ActionKind kind, YamlMappingNode? a, string p, string id)
    {
        if (a is null)
        {
            return null;
        }
        f.CheckKeys(a, p, "source", "destination", "min-fidelity", "application", "duration", "count");
        var source = Node(a, "source", p);
        var destination = Node(a, "destination", p);
        double minFidelity = f.Number(a, "min-fidelity", p, required: false) ?? 0;
        if (minFidelity is < 0 or > 1)
        {
            f.Error(ExperimentFields.Get(a, "min-fidelity"), p + ".min-fidelity", "must be between 0 and 1");
        }
        var application = SessionApplication.Raw;
        if (f.Str(a, "application", p, required: false) is { } app && !ScenarioNames.TryApplication(app, out application))
        {
            f.Error(ExperimentFields.Get(a, "application"), p + ".application", $"unknown application '{app}'; expected one of {string.Join(", ", ScenarioNames.ApplicationNames)}");
        }
        double? duration = f.Duration(a, "duration", p, required: kind == ActionKind.RequestLoad);
        int count = 1;
        if (kind == ActionKind.RequestLoad)
        {
            double n = f.Number(a, "count", p, required: true) ?? 1;
            if (n is < 1 or > 10_000 || n != Math.Floor(n))
            {
                f.Error(ExperimentFields.Get(a, "count"), p + ".count", "must be a whole number of sessions from 1 to 10000");
            }
            count = (int)Math.Clamp(n, 1, 10_000);
        }
        if (source is null || destination is null)
        {
            return null;
        }
        if (source == destination)
        {
            f.Error(ExperimentFields.Get(a, "destination"), p + ".destination", "must differ from the source");
            return null;
        }
        var session = new SessionSpec(SessionId(id), source, destination, application)
        {
            MinFidelity = Math.Clamp(minFidelity, 0, 1),
            DurationSeconds = duration,
        };
        return new ActionSpec(kind, id, DurationSeconds: duration, Session: session, Count: count);
    }

    private ActionSpec? Maintenance(YamlMappingNode? a, string p, string id)
    {
        if (a is null)
        {
            return null;
        }
        f.CheckKeys(a, p, "labels", "duration");
        var duration = f.Duration(a, "duration", p, required: true);
        var labels = f.Labels(a, "labels", p);
        return duration is null ? null : new ActionSpec(ActionKind.OpenMaintenance, id, DurationSeconds: duration, Matchers: labels);
    }

    private ActionSpec? SetMitigation(YamlMappingNode? a, string p, string id)
    {
        if (a is null)
        {
            f.Error(0, p, "is required: enabled and/or rule, signal and threshold");
            return null;
        }
        f.CheckKeys(a, p, "enabled", "rule", "signal", "threshold");
        bool? enabled = f.Bool(a, "enabled", p);
        var ruleText = f.Str(a, "rule", p, required: false);
        (MitigationAction, MitigationSignal)? rule = null;
        double? threshold = null;
        if (ruleText is not null)
        {
            var signalText = f.Str(a, "signal", p, required: true);
            threshold = f.Number(a, "threshold", p, required: true);
            MitigationSignal signal = default;
            if (!MitigationNames.TryAction(ruleText, out var action))
            {
                f.Error(ExperimentFields.Get(a, "rule"), p + ".rule", $"unknown mitigation action '{ruleText}'; expected one of {MitigationNames.ActionList}");
            }
            else if (signalText is not null && !MitigationNames.TrySignal(signalText, out signal))
            {
                f.Error(ExperimentFields.Get(a, "signal"), p + ".signal", $"unknown signal '{signalText}'; expected one of {MitigationNames.SignalList}");
            }
            else if (signalText is not null && !MitigationPolicy.Default.Rules.Any(r => r.Action == action && r.Signal == signal))
            {
                f.Error(ExperimentFields.Get(a, "signal"), p + ".signal", $"the policy has no {ruleText} rule on {signalText}");
            }
            else if (signalText is not null)
            {
                rule = (action, signal);
            }
        }
        else if (enabled is null)
        {
            f.Error(a, p, "needs enabled, or rule, signal and threshold");
        }
        return new ActionSpec(ActionKind.SetMitigation, id, MitigationEnabled: enabled, Rule: rule, Threshold: threshold);
    }

    private string? Node(YamlMappingNode a, string key, string p)
    {
        var id = f.Str(a, key, p, required: true);
        if (id is not null && !scenario.Nodes.Any(n => n.Id == id))
        {
            f.Error(ExperimentFields.Get(a, key), p + "." + key, $"'{id}' is not a node of the network");
            return null;
        }
        return id;
    }

    // A session id from the step's id: the scenario's id rule allows letters, digits, '-', '_' and '.'.
    private static string SessionId(string id) =>
        "gameday-" + new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
