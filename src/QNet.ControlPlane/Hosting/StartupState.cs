using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Hosting;

/// <summary>What the store held at start, handed to the twin runner.</summary>
/// <param name="Mitigation">The mitigation policy last stored through the API, or null for the scenario's or the default.</param>
/// <param name="ConfigChanges">Stored configuration changes (promoted ones are applied again; running ones are recorded as aborted).</param>
internal sealed record StartupState(IReadOnlyList<SessionRecord> Sessions, IReadOnlyList<Fault> Faults, IReadOnlyList<CalibrationRecord> Calibrations,
    IReadOnlyList<SampleRecord> Samples, MitigationPolicy? Mitigation = null,
    IReadOnlyList<QNet.ControlPlane.ConfigChanges.ConfigChangeView>? ConfigChanges = null);

/// <summary>Maintenance windows in force (read by the SLO monitor, changed by the API).</summary>
internal sealed class MaintenanceBook
{
    private volatile IReadOnlyList<MaintenanceRecord> _windows = [];

    public IReadOnlyList<MaintenanceRecord> Windows => _windows;

    public void Set(IEnumerable<MaintenanceRecord> windows) => _windows = windows.ToArray();
}
