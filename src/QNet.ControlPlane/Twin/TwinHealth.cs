namespace QNet.ControlPlane.Twin;

/// <summary>The twin's health from its last snapshot: what <c>/health</c> answers.</summary>
/// <param name="Status">Healthy or degraded.</param>
/// <param name="Reason">Why degraded; <see cref="TwinHealthReason.None"/> when healthy.</param>
internal sealed record TwinHealth(TwinHealthStatus Status, TwinHealthReason Reason)
{
    /// <summary>Lag, in wall-clock seconds (simulated lag over the time factor), beyond which the twin is degraded.</summary>
    public const double MaxLagWallSeconds = 5;

    /// <summary>Degraded when the clock has ended (first: a stopped twin does not lag), or when it lags too far; else healthy.</summary>
    public static TwinHealth Of(TwinSnapshot snapshot) =>
        snapshot.ClockEnded ? new(TwinHealthStatus.Degraded, TwinHealthReason.ClockEnded)
        : snapshot.LagSeconds > MaxLagWallSeconds * snapshot.TimeFactor ? new(TwinHealthStatus.Degraded, TwinHealthReason.Lagging)
        : new(TwinHealthStatus.Healthy, TwinHealthReason.None);
}
