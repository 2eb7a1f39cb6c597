namespace QNet.ControlPlane.Twin;

/// <summary>A link's live state as the API shows it.</summary>
/// <param name="Id">Link id.</param>
/// <param name="NodeA">One end.</param>
/// <param name="NodeB">Other end.</param>
/// <param name="Heralding">Heralding scheme (scenario name).</param>
/// <param name="Up">From the link's own health: false while cut or out of service for calibration (not from having sessions).</param>
/// <param name="LengthMetres">Fiber length in metres (null for free-space or abstract links).</param>
/// <param name="AttenuationDbPerKm">Current attenuation in dB/km.</param>
/// <param name="Transmittance">Channel transmittance 0..1 (0 while cut).</param>
/// <param name="PairsGenerated">Heralded pairs since start.</param>
/// <param name="MeanFidelity">Mean heralded fidelity since start (null without pairs).</param>
/// <param name="CalibrationDrift">Relative calibration drift since the last calibration, 0..1.</param>
/// <param name="Qkd">True for a QKD (prepare-and-measure) link.</param>
public sealed record LinkView(string Id, string NodeA, string NodeB, string Heralding, bool Up, double? LengthMetres, double AttenuationDbPerKm,
    double Transmittance, long PairsGenerated, double? MeanFidelity, double CalibrationDrift, bool Qkd);

/// <summary>A node's live state.</summary>
/// <param name="Id">Node id.</param>
/// <param name="Kind">end or repeater.</param>
/// <param name="MemorySlots">Memory slots.</param>
/// <param name="FreeSlots">Slots not reserved by sessions.</param>
/// <param name="T2Seconds">Current memory coherence time T2, in seconds.</param>
/// <param name="X">Map easting from the scenario's <c>position</c>, or null when the scenario places no node.</param>
/// <param name="Y">Map northing from the scenario's <c>position</c>, or null.</param>
public sealed record NodeView(string Id, string Kind, int MemorySlots, int FreeSlots, double T2Seconds, double? X = null, double? Y = null);

/// <summary>A QKD link's key production.</summary>
/// <param name="Link">Link id.</param>
/// <param name="Initiator">Sending end (Alice).</param>
/// <param name="Responder">Measuring end (Bob).</param>
/// <param name="SecretBits">Secret bits distilled since start.</param>
/// <param name="Blocks">Post-processing blocks run.</param>
/// <param name="KeyBlocks">Blocks that produced key.</param>
/// <param name="DepositedBlocks">Blocks stored in the key store (both copies verified), all QKD links together.</param>
public sealed record QkdView(string Link, string Initiator, string Responder, long SecretBits, int Blocks, int KeyBlocks, long DepositedBlocks)
{
    /// <summary>Post-processing configuration version the initiator end runs.</summary>
    public int InitiatorVersion { get; init; }

    /// <summary>Post-processing configuration version the responder end runs.</summary>
    public int ResponderVersion { get; init; }

    /// <summary>Blocks whose two ends' keys disagreed (verification tag or KMS comparison).</summary>
    public long VerificationFailures { get; init; }

    /// <summary>Whether key production is paused because the link's QBER passed the abort threshold.</summary>
    public bool Paused { get; init; }
}

/// <summary>The twin's state at the end of a step, swapped whole for readers.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="SimulatedSeconds">Twin time since start, in seconds.</param>
/// <param name="TimeFactor">Simulated seconds per wall-clock second.</param>
/// <param name="LagSeconds">How far behind the wall-clock target the twin is, in simulated seconds.</param>
/// <param name="Links">Links.</param>
/// <param name="Nodes">Nodes.</param>
/// <param name="Qkd">QKD links.</param>
public sealed record TwinSnapshot(string Scenario, double SimulatedSeconds, double TimeFactor, double LagSeconds,
    IReadOnlyList<LinkView> Links, IReadOnlyList<NodeView> Nodes, IReadOnlyList<QkdView> Qkd)
{
    /// <summary>Before the first step.</summary>
    public static TwinSnapshot Empty { get; } = new("", 0, 1, 0, [], [], []);

    /// <summary>Simulated seconds left before the twin's clock ends (<see cref="TwinClockEnd"/>); null before the first step.</summary>
    public double? ClockRemainingSeconds { get; init; }

    /// <summary>True once the twin's clock has reached its end: the twin no longer advances.</summary>
    public bool ClockEnded => ClockRemainingSeconds == 0;
}
