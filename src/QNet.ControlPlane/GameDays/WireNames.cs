namespace QNet.ControlPlane.GameDays;

/// <summary>The file spellings of one enum, in the order messages and docs list them.</summary>
internal sealed class WireNames<T>(params (string Name, T Value)[] entries)
    where T : struct, Enum
{
    /// <summary>Every accepted spelling, in declared order.</summary>
    public IReadOnlyList<string> Names { get; } = [.. entries.Select(e => e.Name)];

    /// <summary>Looks up a spelling (case-sensitive, as written in files).</summary>
    public bool TryGet(string? name, out T value)
    {
        foreach (var (entryName, entryValue) in entries)
        {
            if (string.Equals(entryName, name, StringComparison.Ordinal))
            {
                value = entryValue;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The spelling of <paramref name="value"/>.</summary>
    public string Of(T value)
    {
        foreach (var (entryName, entryValue) in entries)
        {
            if (EqualityComparer<T>.Default.Equals(entryValue, value))
            {
                return entryName;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no wire name for this value.");
    }

    /// <summary>The spellings joined for an error message.</summary>
    public string List => string.Join(", ", Names);
}

/// <summary>The one name table of each game-day enum: experiment files, the journal and the report use these spellings.</summary>
internal static class GameDayNames
{
    public static WireNames<StepKind> Steps { get; } = new(("action", StepKind.Action), ("probe", StepKind.Probe), ("pause", StepKind.Pause));

    public static WireNames<ActionKind> Actions { get; } = new(
        ("inject-fault", ActionKind.InjectFault),
        ("clear-fault", ActionKind.ClearFault),
        ("start-session", ActionKind.StartSession),
        ("request-load", ActionKind.RequestLoad),
        ("open-maintenance", ActionKind.OpenMaintenance),
        ("set-mitigation", ActionKind.SetMitigation));

    public static WireNames<ProbeKind> Probes { get; } = new(
        ("sli", ProbeKind.Sli), ("budget", ProbeKind.Budget), ("alert", ProbeKind.Alert), ("sessions", ProbeKind.Sessions), ("keys", ProbeKind.Keys));

    public static WireNames<Sli> Slis { get; } = new(
        ("M1", Sli.M1), ("M2", Sli.M2), ("M3", Sli.M3), ("M4", Sli.M4), ("M5", Sli.M5),
        ("M6", Sli.M6), ("M7", Sli.M7), ("M8", Sli.M8), ("M9", Sli.M9), ("M10", Sli.M10));

    public static WireNames<Comparison> Comparisons { get; } = new(
        ("lt", Comparison.Lt), ("le", Comparison.Le), ("gt", Comparison.Gt), ("ge", Comparison.Ge), ("eq", Comparison.Eq),
        ("between", Comparison.Between), ("state", Comparison.State));

    public static WireNames<ExpectationKind> Expectations { get; } = new(
        ("alert-fires", ExpectationKind.AlertFires),
        ("alert-pages", ExpectationKind.AlertPages),
        ("sessions-rerouted", ExpectationKind.SessionsRerouted),
        ("keys-flow", ExpectationKind.KeysFlow),
        ("budget-burned", ExpectationKind.BudgetBurned),
        ("sli-recovers", ExpectationKind.SliRecovers),
        ("mitigates", ExpectationKind.Mitigates));

    /// <summary>Alert states a probe reads and a state tolerance names.</summary>
    public static IReadOnlyList<string> AlertStates { get; } = ["inactive", "pending", "firing"];
}
