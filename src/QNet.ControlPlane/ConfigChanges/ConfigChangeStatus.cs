namespace QNet.ControlPlane.ConfigChanges;

/// <summary>Where a configuration change is; its wire names are in <see cref="ConfigChangeStatuses"/>.</summary>
internal enum ConfigChangeStatus
{
    /// <summary>Measuring the canary's and the baseline's SLIs before anything changes.</summary>
    Observing,

    /// <summary>The canary runs the change; its SLIs are being measured against the baseline's.</summary>
    Baking,

    /// <summary>The canary held: every link of its kind runs the change.</summary>
    Promoted,

    /// <summary>The canary regressed (or gave too little evidence): it was set back to its previous value.</summary>
    RolledBack,

    /// <summary>An operator aborted it (or a restart interrupted it): the canary was set back.</summary>
    Aborted,
}

/// <summary>Wire names of <see cref="ConfigChangeStatus"/> (API, store, CLI, metric label).</summary>
internal static class ConfigChangeStatuses
{
    private static readonly (ConfigChangeStatus Status, string Name)[] Table =
    [
        (ConfigChangeStatus.Observing, "observing"),
        (ConfigChangeStatus.Baking, "baking"),
        (ConfigChangeStatus.Promoted, "promoted"),
        (ConfigChangeStatus.RolledBack, "rolled-back"),
        (ConfigChangeStatus.Aborted, "aborted"),
    ];

    public static string Of(ConfigChangeStatus status) => Table.First(t => t.Status == status).Name;

    public static bool TryParse(string? name, out ConfigChangeStatus status)
    {
        foreach (var (s, n) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>Whether the change has ended (nothing more will happen to it).</summary>
    public static bool Ended(ConfigChangeStatus status) => status is ConfigChangeStatus.Promoted or ConfigChangeStatus.RolledBack or ConfigChangeStatus.Aborted;
}
