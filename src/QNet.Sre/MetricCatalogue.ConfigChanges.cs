namespace QNet.Sre;

public static partial class MetricCatalogue
{
    /// <summary>
    /// <c>qnet_config_change_steps</c>{field, step}: steps of safe configuration changes (requested, canary-applied,
    /// promoted, rolled-back, aborted), by the changed field (docs/config-changes.md).
    /// </summary>
    public const string ConfigChangeSteps = "qnet_config_change_steps";
}
