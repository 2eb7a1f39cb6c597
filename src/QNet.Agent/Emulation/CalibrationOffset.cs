namespace QNet.Agent.Emulation;

/// <summary>
/// A device's calibration offset as a 0..1 ratio: it grows by <c>driftPerHour</c> for each hour since the last
/// calibration (capped at 1), and a calibration sets it back to 0.
/// </summary>
internal sealed class CalibrationOffset(double driftPerHour)
{
    private double _calibratedAtSeconds;

    /// <summary>Offset gained per hour, ratio per hour.</summary>
    public double DriftPerHour { get; set; } = DetectorParameters.NonNegative(driftPerHour, nameof(driftPerHour));

    /// <summary>The offset at <paramref name="nowSeconds"/> (emulator time, s).</summary>
    public double At(double nowSeconds) => Math.Min(1, DriftPerHour * Math.Max(0, nowSeconds - _calibratedAtSeconds) / 3600);

    /// <summary>Calibrates at <paramref name="nowSeconds"/>: the offset is 0 again.</summary>
    public void Calibrate(double nowSeconds) => _calibratedAtSeconds = nowSeconds;
}
