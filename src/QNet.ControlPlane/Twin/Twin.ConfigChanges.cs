using QNet.ControlPlane.ConfigChanges;
using QNet.ControlPlane.Events;

namespace QNet.ControlPlane.Twin;

internal sealed partial class Twin
{
    private ConfigChangeRunner? _configChanges;

    /// <summary>
    /// Safe configuration changes (canary, bake, promotion or automatic rollback; docs/config-changes.md). Every step is
    /// a <c>config-change</c> event on the stream and in the store, a count of <c>qnet_config_change_steps_total</c>, and
    /// the change's record goes to <see cref="ConfigChangeStored"/>.
    /// </summary>
    public ConfigChangeRunner ConfigChanges => _configChanges ??= NewConfigChanges();

    /// <summary>Hears each change's record after every step (the host stores it). Set before the twin runs.</summary>
    public Action<ConfigChangeView>? ConfigChangeStored { get; set; }

    private ConfigChangeRunner NewConfigChanges() => new(this)
    {
        Stepped = (change, step) =>
        {
            Metrics.ConfigChanges.Stepped(change.Field, step.Step);
            var e = new TwinEvent("config-change", "", "", step.SimulatedSeconds, Link: change.Canary, Change: step.Step, Outcome: change.Status,
                Reason: step.Reason, Signal: change.Field, Value: change.Value, Target: change.Id);
            _hub?.PublishAlways(e);
            _persistEvent(e);
            ConfigChangeStored?.Invoke(change);
        },
    };
}
