namespace QNet.Agent.Emulation;

/// <summary>
/// An emulated single-photon detector, validated at construction.
/// </summary>
/// <param name="Id">Device id, unique within the node.</param>
/// <param name="DarkCountRateHertz">Clicks per second with no light, Hz; at least 0.</param>
/// <param name="DeadTimeSeconds">Non-paralysable dead time after each registered click, s; at least 0.</param>
/// <param name="SignalRateHertz">Photons per second reaching the detector while it heralds, Hz (after its efficiency); at least 0.</param>
/// <param name="DriftPerHour">Calibration offset gained per hour since the last calibration, as a 0..1 ratio per hour; at least 0.</param>
internal sealed record DetectorParameters(string Id, double DarkCountRateHertz = 100, double DeadTimeSeconds = 50e-9, double SignalRateHertz = 20_000,
    double DriftPerHour = 0.0005)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(Id) ? throw new ArgumentException("detector id is required", nameof(Id)) : Id;

    public double DarkCountRateHertz { get; } = NonNegative(DarkCountRateHertz, nameof(DarkCountRateHertz));

    public double DeadTimeSeconds { get; } = NonNegative(DeadTimeSeconds, nameof(DeadTimeSeconds));

    public double SignalRateHertz { get; } = NonNegative(SignalRateHertz, nameof(SignalRateHertz));

    public double DriftPerHour { get; } = NonNegative(DriftPerHour, nameof(DriftPerHour));

    /// <summary>Measured click rate of a non-paralysable detector for a true rate <paramref name="trueRateHertz"/>: r / (1 + r·τ), Hz.</summary>
    public double MeasuredRate(double trueRateHertz) => trueRateHertz / (1 + trueRateHertz * DeadTimeSeconds);

    internal static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number at least 0");
}
