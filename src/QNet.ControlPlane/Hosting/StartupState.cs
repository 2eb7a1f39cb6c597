using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Hosting;

/// <summary>What the store held at start, handed to the twin runner.</summary>
/// <param name="Mitigation">The mitigation policy last stored through the API, or null for the scenario's or the default.</param>
/// <param name="ConfigChanges">Stored configuration changes (promoted ones are applied again; running ones are recorded as aborted).</param>
internal sealed record StartupState(IReadOnlyList<SessionRecord> Sessions, IReadOnlyList<Fault> Faults, IReadOnlyList<CalibrationRecord> Calibrations,
    IReadOnlyList<SampleRecord> Samples, MitigationPolicy? Mitigation = null,
    IReadOnlyList<QNet.ControlPlane.ConfigChanges.ConfigChangeView>? ConfigChanges = null)
{
    /// <summary>The previous leader's last memory snapshot (pairs held per session), applied after the sessions are restored.</summary>
    public IReadOnlyList<MemoryPairsRecord> MemoryPairs { get; init; } = [];

    /// <summary>True when this start takes over from a leader that died without releasing the lease: its held pairs are lost.</summary>
    public bool Failover { get; init; }
}

/// <summary>Maintenance windows in force (read by the SLO monitor, changed by the API).</summary>
internal sealed class MaintenanceBook
{
    private volatile IReadOnlyList<MaintenanceRecord> _windows = [];

    public IReadOnlyList<MaintenanceRecord> Windows => _windows;

    public void Set(IEnumerable<MaintenanceRecord> windows) => _windows = windows.ToArray();
}
