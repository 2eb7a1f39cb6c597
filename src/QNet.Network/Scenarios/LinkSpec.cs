using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Scenarios;

/// <summary>
/// A link between two nodes and how it generates entanglement. Which optional members are set
/// depends on <see cref="Heralding"/> and <see cref="Medium"/>; the loader rejects fields that do
/// not belong to the chosen scheme (see docs/scenarios.md).
/// </summary>
/// <param name="Id">Unique link id (<c>id</c>).</param>
/// <param name="NodeA">First node of <c>between</c>.</param>
/// <param name="NodeB">Second node of <c>between</c> (different from <paramref name="NodeA"/>).</param>
/// <param name="Heralding">Generation scheme (<c>heralding</c>).</param>
public sealed record LinkSpec(string Id, string NodeA, string NodeB, HeraldingScheme Heralding)
{
    /// <summary>Fiber attenuation used when the file gives none: 0.2 dB/km.</summary>
    public const double DefaultAttenuationDbPerKm = 0.2;

    private readonly double? _length;
    private readonly double _attenuation = DefaultAttenuationDbPerKm;
    private readonly double _lightSpeed = FiberChannel.DefaultLightSpeed;
    private readonly double? _loss;
    private readonly double? _brightState;
    private readonly double _visibility = 1;

    /// <summary>Link id.</summary>
    public string Id { get; } = SpecGuard.Id(Id, "id");

    /// <summary>Second node; never equal to <see cref="NodeA"/>.</summary>
    public string NodeB { get; } = NodeB != NodeA ? NodeB : throw new ArgumentException("a link cannot join a node to itself.", nameof(NodeB));

    /// <summary><c>medium</c>: fiber (default) or free-space.</summary>
    public LinkMedium Medium { get; init; } = LinkMedium.Fiber;

    /// <summary><c>length</c> in metres; required except for probabilistic links, where it only sets the classical message delay.</summary>
    public double? LengthMetres { get => _length; init => _length = SpecGuard.Optional(value, SpecGuard.NonNegative, "length"); }

    /// <summary><c>attenuation</c> in dB/km (fiber only, default 0.2).</summary>
    public double AttenuationDbPerKm { get => _attenuation; init => _attenuation = SpecGuard.NonNegative(value, "attenuation"); }

    /// <summary><c>lightSpeed</c> in the fiber in m/s (default 2×10⁸, written <c>200000km/s</c>); free-space links use the speed in air.</summary>
    public double LightSpeedMetresPerSecond { get => _lightSpeed; init => _lightSpeed = SpecGuard.Positive(value, "lightSpeed"); }

    /// <summary><c>loss</c> in dB of a free-space link (required there, null on fiber).</summary>
    public double? FreeSpaceLossDb { get => _loss; init => _loss = SpecGuard.Optional(value, SpecGuard.NonNegative, "loss"); }

    /// <summary><c>brightStatePopulation</c> a of a single-click link (0 &lt; a ≤ 1), null otherwise.</summary>
    public double? BrightStatePopulation { get => _brightState; init => _brightState = SpecGuard.Optional(value, SpecGuard.Probability, "brightStatePopulation"); }

    /// <summary>
    /// <c>visibility</c> V of the two-photon (Hong–Ou–Mandel) interference at the midpoint station, 0..1,
    /// default 1 (indistinguishable photons). Timing or spectral mismatch lowers it (F2). It acts on the
    /// schemes that interfere photons from the two nodes (single-click, double-click); the loader refuses
    /// it on the others, and there it has no effect.
    /// </summary>
    public double Visibility { get => _visibility; init => _visibility = SpecGuard.Probability(value, "visibility"); }

    /// <summary><c>detector</c>: the detectors of the link (physical schemes; ideal by default), null for probabilistic links.</summary>
    public Detector? Detector { get; init; }

    /// <summary><c>source</c>: the photon source (physical schemes; ideal by default), null for probabilistic links.</summary>
    public PhotonSource? Source { get; init; }

    /// <summary>Success probability, attempt duration and fidelity of a probabilistic link; null otherwise.</summary>
    public ProbabilisticLinkSpec? Probabilistic { get; init; }

    /// <summary>
    /// <c>channels</c>: parallel generation channels (attempt capacity) shared by every session on the link, or null
    /// (<c>per-memory</c>, the default) for one channel per free memory-slot pair of each session, so that the link's
    /// total rate grows with its sessions (the model before channels existed).
    /// </summary>
    public int? Channels { get; init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Channels), value, "channels must be at least 1."); }

    /// <summary><c>sharing</c>: how sessions share <see cref="Channels"/> (default round-robin; only with a number of channels).</summary>
    public ChannelSharing Sharing { get; init; } = ChannelSharing.RoundRobin;

    /// <summary><c>fidelityAt</c>: whether the link's fidelity holds at emission (default; memories decohere during the herald wait) or at the herald.</summary>
    public FidelityPoint FidelityAt { get; init; } = FidelityPoint.Emission;

    /// <summary><c>qkd</c>: QKD run on this link, or null.</summary>
    public QkdSpec? Qkd { get; init; }

    /// <summary>Whether the link joins <paramref name="nodeId"/>.</summary>
    public bool Touches(string nodeId) => NodeA == nodeId || NodeB == nodeId;

    /// <summary>The node at the other end from <paramref name="nodeId"/>.</summary>
    public string OtherEnd(string nodeId) =>
        nodeId == NodeA ? NodeB : nodeId == NodeB ? NodeA : throw new ArgumentException($"link {Id} does not touch node {nodeId}.", nameof(nodeId));

    /// <summary>The fiber of a fiber link with a length.</summary>
    /// <exception cref="InvalidOperationException">The link is free-space or has no length.</exception>
    public FiberChannel ToFiberChannel() =>
        Medium == LinkMedium.Fiber && LengthMetres is { } length
            ? new FiberChannel(length, AttenuationDbPerKm, LightSpeedMetresPerSecond)
            : throw new InvalidOperationException($"link {Id} is not a fiber link with a length.");

    /// <summary>The channel of a free-space link.</summary>
    /// <exception cref="InvalidOperationException">The link is not free-space.</exception>
    public FreeSpaceChannel ToFreeSpaceChannel() =>
        Medium == LinkMedium.FreeSpace
            ? new FreeSpaceChannel(LengthMetres ?? 0, FreeSpaceLossDb ?? 0)
            : throw new InvalidOperationException($"link {Id} is not a free-space link.");

    /// <summary>
    /// Probability that a photon crosses the whole channel: 10^{−αL/10} for fiber, 10^{−loss/10} for
    /// free space, 1 for a probabilistic link (its loss is folded into its success probability).
    /// </summary>
    public double ChannelTransmittance => Heralding == HeraldingScheme.Probabilistic
        ? 1
        : Medium == LinkMedium.FreeSpace ? ToFreeSpaceChannel().Transmittance : ToFiberChannel().Transmittance;

    /// <summary>
    /// One-way delay of a classical message over the whole link length, in seconds; 0 without a length
    /// (analytic probabilistic links, whose messages take no time).
    /// </summary>
    public double OneWayDelaySeconds => LengthMetres is not { } length
        ? 0
        : length / (Medium == LinkMedium.FreeSpace ? FreeSpaceChannel.LightSpeed : LightSpeedMetresPerSecond);
}
