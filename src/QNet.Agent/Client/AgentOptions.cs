namespace QNet.Agent.Client;

/// <summary>How <c>qnet agent</c> connects, validated at construction.</summary>
/// <param name="Node">The node this agent speaks for; its certificate must name it.</param>
/// <param name="ControlPlane">The control plane's agent endpoint, an https URL.</param>
/// <param name="CertificatePath">The node's client certificate (PEM).</param>
/// <param name="KeyPath">Its private key (PEM).</param>
/// <param name="CaPath">The CA that issued the control plane's server certificate (PEM).</param>
internal sealed record AgentOptions(string Node, Uri ControlPlane, string CertificatePath, string KeyPath, string CaPath)
{
    public string Node { get; } = string.IsNullOrWhiteSpace(Node) ? throw new ArgumentException("node is required", nameof(Node)) : Node;

    public Uri ControlPlane { get; } = ControlPlane is { IsAbsoluteUri: true, Scheme: "https" } ? ControlPlane
        : throw new ArgumentException($"control plane must be an absolute https URL, not '{ControlPlane}'", nameof(ControlPlane));

    /// <summary>Time between two telemetry reads.</summary>
    public TimeSpan TelemetryInterval
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TelemetryInterval), value, "telemetry interval must be positive");
    } = TimeSpan.FromSeconds(1);

    /// <summary>Telemetry batches kept while the control plane is away (one per interval); older ones are dropped and counted.</summary>
    public int BufferCapacity
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(BufferCapacity), value, "buffer capacity must be at least 1");
    } = 600;

    /// <summary>First wait before reconnecting; it doubles after each failed attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between two connection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Free text the control plane shows for this agent.</summary>
    public string Description { get; init; } = "qnet agent (emulator)";
}
