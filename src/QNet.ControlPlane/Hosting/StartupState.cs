using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Hosting;

/// <summary>What the store held at start, handed to the twin runner.</summary>
internal sealed record StartupState(IReadOnlyList<SessionRecord> Sessions, IReadOnlyList<Fault> Faults, IReadOnlyList<CalibrationRecord> Calibrations,
    IReadOnlyList<SampleRecord> Samples);

/// <summary>Maintenance windows in force (read by the SLO monitor, changed by the API).</summary>
internal sealed class MaintenanceBook
{
    private volatile IReadOnlyList<MaintenanceRecord> _windows = [];

    public IReadOnlyList<MaintenanceRecord> Windows => _windows;

    public void Set(IEnumerable<MaintenanceRecord> windows) => _windows = windows.ToArray();
}
