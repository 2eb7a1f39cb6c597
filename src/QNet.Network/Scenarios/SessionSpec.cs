namespace QNet.Network.Scenarios;

/// <summary>A request for end-to-end entanglement between two nodes.</summary>
/// <param name="Id">Unique session id (<c>id</c>).</param>
/// <param name="Source">Source node id (<c>source</c>).</param>
/// <param name="Destination">Destination node id (<c>destination</c>, different from the source).</param>
/// <param name="Application">What the pairs are for (<c>application</c>, default raw).</param>
public sealed record SessionSpec(string Id, string Source, string Destination, SessionApplication Application = SessionApplication.Raw)
{
    private readonly double _minFidelity;
    private readonly double _start;

    /// <summary>Session id.</summary>
    public string Id { get; } = SpecGuard.Id(Id, "id");

    /// <summary>Destination node id.</summary>
    public string Destination { get; } = Destination != Source ? Destination : throw new ArgumentException("destination must differ from source.", nameof(Destination));

    /// <summary><c>minFidelity</c>: the fidelity every delivered pair must reach (0..1, default 0 = no target).</summary>
    public double MinFidelity { get => _minFidelity; init => _minFidelity = SpecGuard.Probability(value, "minFidelity"); }

    /// <summary><c>pairs</c>: number of pairs to deliver, or null (then <see cref="RateHz"/> or as many as possible).</summary>
    public long? Pairs { get; init; }

    /// <summary><c>rate</c>: requested pairs per second in Hz, or null. At most one of pairs and rate is set.</summary>
    public double? RateHz { get; init; }

    /// <summary><c>start</c>: when the request arrives, in seconds of simulated time (default 0).</summary>
    public double StartSeconds { get => _start; init => _start = SpecGuard.NonNegative(value, "start"); }

    /// <summary><c>duration</c>: how long the session lasts, in seconds, or null for until the end of the run.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary><c>priority</c>: higher is served first (default 0).</summary>
    public int Priority { get; init; }

    /// <summary>
    /// <c>memorySlots</c>: slots to reserve on each side of every repeater and at each end (more at an end
    /// if purification needs them), or null to size the reservation from <see cref="RateHz"/> (one slot without a rate).
    /// </summary>
    public int? MemorySlots { get; init; }

    /// <summary><c>purification</c>: the purification policy, or null for none.</summary>
    public PurificationSpec? Purification { get; init; }

    /// <summary><c>cutoff</c>: a stored pair older than this is discarded, in seconds; null for no cutoff.</summary>
    public double? CutoffSeconds { get; init; }

    /// <summary>
    /// <c>pipelining</c>: true (the default) lets a repeater attempt again on its slots as soon as it has swapped them;
    /// false keeps the segments a pair covers idle until the end-to-end pair is delivered (the textbook model).
    /// </summary>
    public bool Pipelining { get; init; } = true;

    /// <summary><c>parties</c>: further end nodes of a ghz session, beyond source and destination (empty otherwise).</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];

    /// <summary><c>compute</c>: the offloaded circuit of a compute session, or null.</summary>
    public ComputeSpec? Compute { get; init; }

    /// <summary><c>qkd</c>: key settings of a qkd session (BBM92), or null.</summary>
    public QkdSpec? Qkd { get; init; }
}
