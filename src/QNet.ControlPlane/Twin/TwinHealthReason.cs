namespace QNet.ControlPlane.Twin;

/// <summary>Why the twin is <see cref="TwinHealthStatus.Degraded"/> (wire names in <see cref="TwinHealthNames"/>).</summary>
internal enum TwinHealthReason
{
    /// <summary>Healthy: no reason.</summary>
    None,

    /// <summary>The twin lags its wall-clock target by more than <see cref="TwinHealth.MaxLagWallSeconds"/> of wall time.</summary>
    Lagging,

    /// <summary>The twin's clock reached its end (<see cref="TwinClockEnd"/>): it no longer advances until <c>qnet up</c> is restarted.</summary>
    ClockEnded,
}
