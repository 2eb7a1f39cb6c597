namespace QNet.ControlPlane.Mitigation;

/// <summary>
/// The twin's repairs: a calibration run resets the link's drift clock (as <c>POST /api/v1/calibrations</c> does).
/// Source resynchronization restores a link's two-photon visibility, which the network fault layer's visibility-drop
/// fault (F2) lowers; this twin has no such fault yet, so it reports that it did nothing.
/// </summary>
internal sealed class TwinFaultRemediation(Twin.Twin twin) : IFaultRemediation
{
    /// <summary>Hears every calibration run this policy made: the link and its drift before (the host stores it as a calibration row).</summary>
    public Action<string, double>? Calibrated { get; init; }

    public bool ResyncSources(string link, out string detail)
    {
        // Resynchronizing the sources restores the two-photon interference: the link's visibility drops clear.
        bool dropped = twin.FaultInjector.Faults.Any(f => f.Active && f.Spec.Kind == QNet.Network.Scenarios.FaultKind.VisibilityDrop && f.Spec.Target == link);
        if (!dropped || !twin.FaultInjector.Calibrate(link, QNet.Network.Scenarios.CalibrationResets.Visibility))
        {
            detail = $"{link} has no visibility drop to resynchronize";
            return false;
        }
        detail = $"{link} sources resynchronized; visibility restored";
        return true;
    }

    public bool RunCalibration(string link, out string detail)
    {
        if (twin.Calibrate(link) is not { } before)
        {
            detail = $"{link} is not a link of the network";
            return false;
        }
        detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{link} calibrated; drift was {before:P2}");
        Calibrated?.Invoke(link, before);
        return true;
    }
}
