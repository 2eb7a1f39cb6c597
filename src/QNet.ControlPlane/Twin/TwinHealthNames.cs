namespace QNet.ControlPlane.Twin;

/// <summary>Wire names of <see cref="TwinHealthStatus"/> and <see cref="TwinHealthReason"/> (the <c>/health</c> body, logs).</summary>
internal static class TwinHealthNames
{
    private static readonly (TwinHealthStatus Status, string Name)[] Statuses =
    [
        (TwinHealthStatus.Healthy, "healthy"),
        (TwinHealthStatus.Degraded, "degraded"),
    ];

    private static readonly (TwinHealthReason Reason, string Name)[] Reasons =
    [
        (TwinHealthReason.Lagging, "lagging"),
        (TwinHealthReason.ClockEnded, "clock-ended"),
    ];

    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string Of(TwinHealthStatus status) => Statuses.First(n => n.Status == status).Name;

    /// <summary>The wire name of <paramref name="reason"/>; null for <see cref="TwinHealthReason.None"/>.</summary>
    public static string? Of(TwinHealthReason reason) => reason == TwinHealthReason.None ? null : Reasons.First(n => n.Reason == reason).Name;
}
