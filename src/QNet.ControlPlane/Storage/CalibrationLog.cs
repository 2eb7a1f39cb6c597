using QNet.ControlPlane.Incidents;

namespace QNet.ControlPlane.Storage;

/// <summary>
/// The one way a calibration run is recorded, whoever ran it (an operator through <c>POST /api/v1/calibrations</c>, the
/// mitigation policy's <c>run-calibration</c>, or a scenario's scheduled job): a <c>cp_calibrations</c> row (so it is
/// listed, and applied again at the next start) and an entry on the timelines of the open incidents on the link.
/// </summary>
internal sealed class CalibrationLog(StoreWriter writer, IncidentBook incidents)
{
    /// <summary>Records a run of <paramref name="link"/> at twin time <paramref name="at"/>, with the drift it reset.</summary>
    public CalibrationRecord Record(string link, DateTimeOffset at, double driftBefore)
    {
        var record = new CalibrationRecord("c-" + Guid.NewGuid().ToString("N")[..12], link, at, driftBefore);
        writer.Enqueue((s, ct) => s.SaveCalibrationAsync(record, ct));
        incidents.RecordCalibration(record.Link, record.At, record.DriftBefore);
        return record;
    }
}
