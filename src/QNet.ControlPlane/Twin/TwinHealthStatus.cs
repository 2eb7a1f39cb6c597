namespace QNet.ControlPlane.Twin;

/// <summary>The twin's health as <c>/health</c> reports it (wire names in <see cref="TwinHealthNames"/>).</summary>
internal enum TwinHealthStatus
{
    /// <summary>The twin keeps up with its wall-clock target (200).</summary>
    Healthy,

    /// <summary>The twin does not keep up, or has stopped (503); <see cref="TwinHealthReason"/> says why.</summary>
    Degraded,
}
