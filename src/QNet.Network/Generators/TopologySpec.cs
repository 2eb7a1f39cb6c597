using QNet.Network.Scenarios;

namespace QNet.Network.Generators;

/// <summary>
/// What <see cref="TopologyGenerator"/> builds: the shape and size, one link design used for every
/// link, one repeater design, and optionally a session between the two farthest end nodes. Every
/// member is validated here; messages name the CLI option.
/// </summary>
/// <param name="Shape">Chain, star, grid or ring.</param>
public sealed record TopologySpec(TopologyShape Shape)
{
    private readonly int _nodes = 3;
    private readonly int _rows = 2;
    private readonly int _columns = 2;
    private readonly double _span = 25_000;
    private readonly double _attenuation = LinkSpec.DefaultAttenuationDbPerKm;
    private readonly double _brightState = 0.1;
    private readonly double _detectorEfficiency = 1;
    private readonly double? _success;
    private readonly double? _attempt;
    private readonly double _linkFidelity = 0.99;
    private readonly int _slots = 2;
    private readonly double _t2 = double.PositiveInfinity;
    private readonly double _swapSuccess = 1;
    private readonly double _gate;
    private readonly double _readout;
    private readonly double _minFidelity;
    private readonly double? _cutoff;
    private readonly double _duration = 10;

    /// <summary>Scenario name written to the file.</summary>
    public string Name { get; init; } = SchemeNames.ShapeName(Shape);

    /// <summary>Root seed written to the file.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated duration written to the file, seconds (&gt; 0).</summary>
    public double DurationSeconds { get => _duration; init => _duration = value is > 0 and <= Scenario.MaxDurationSeconds ? value : throw Bad("duration", value, "must be greater than 0 and at most 100 days"); }

    /// <summary>
    /// Chain: all nodes including the two end nodes (≥ 2). Ring: repeaters on the ring (≥ 3).
    /// Star: end-node leaves around the hub (≥ 2). Unused by grids.
    /// </summary>
    public int Nodes
    {
        get => _nodes;
        init
        {
            int min = Shape switch { TopologyShape.Chain => 2, TopologyShape.Ring => 3, _ => 2 };
            _nodes = value >= min && value <= 100_000 ? value : throw Bad("nodes", value, $"must be from {min} to 100000 for a {SchemeNames.ShapeName(Shape)}");
        }
    }

    /// <summary>Grid rows of repeaters (1..1000).</summary>
    public int Rows { get => _rows; init => _rows = value is >= 1 and <= 1000 ? value : throw Bad("rows", value, "must be from 1 to 1000"); }

    /// <summary>Grid columns of repeaters (1..1000).</summary>
    public int Columns { get => _columns; init => _columns = value is >= 1 and <= 1000 ? value : throw Bad("cols", value, "must be from 1 to 1000"); }

    /// <summary>Where a grid has end nodes.</summary>
    public GridEnds GridEnds { get; init; } = GridEnds.Corners;

    /// <summary>Length of every link, metres (&gt; 0).</summary>
    public double SpanMetres { get => _span; init => _span = value > 0 && double.IsFinite(value) ? value : throw Bad("span", value, "must be a length greater than 0"); }

    /// <summary>Fiber attenuation, dB/km (≥ 0; default 0.2).</summary>
    public double AttenuationDbPerKm { get => _attenuation; init => _attenuation = value >= 0 && double.IsFinite(value) ? value : throw Bad("attenuation", value, "must be at least 0 dB/km"); }

    /// <summary>Heralding scheme of every link (default single-click).</summary>
    public HeraldingScheme Heralding { get; init; } = HeraldingScheme.SingleClick;

    /// <summary>Bright-state population of single-click links (0 &lt; a ≤ 1; default 0.1).</summary>
    public double BrightStatePopulation { get => _brightState; init => _brightState = value is > 0 and <= 1 ? value : throw Bad("bright-state", value, "must be greater than 0 and at most 1"); }

    /// <summary>Detector efficiency of physical links (0..1; default 1).</summary>
    public double DetectorEfficiency { get => _detectorEfficiency; init => _detectorEfficiency = value is >= 0 and <= 1 ? value : throw Bad("detector-efficiency", value, "must lie in 0..1"); }

    /// <summary>Probabilistic links: success probability per attempt; default the fiber transmittance of one span.</summary>
    public double? SuccessProbability { get => _success; init => _success = value is null or (> 0 and <= 1) ? value : throw Bad("success-probability", value, "must be greater than 0 and at most 1"); }

    /// <summary>Probabilistic links: attempt duration, seconds; default the round trip of one span (2L/c, c = 2×10⁸ m/s).</summary>
    public double? AttemptDurationSeconds { get => _attempt; init => _attempt = value is null or (> 0 and <= Scenario.MaxDurationSeconds) ? value : throw Bad("attempt-duration", value, "must be greater than 0"); }

    /// <summary>Probabilistic links: Werner fidelity of a delivered pair (0.25..1; default 0.99).</summary>
    public double LinkFidelity { get => _linkFidelity; init => _linkFidelity = value is >= 0.25 and <= 1 ? value : throw Bad("link-fidelity", value, "must lie in 0.25..1"); }

    /// <summary>Memory slots per link at each node (≥ 1; default 2): a node with d links gets d × this many slots.</summary>
    public int MemorySlotsPerLink { get => _slots; init => _slots = value is >= 1 and <= 10_000 ? value : throw Bad("memory-slots", value, "must be from 1 to 10000"); }

    /// <summary>Memory T2 of every node, seconds (&gt; 0, infinite allowed; default infinite). T1 is left infinite.</summary>
    public double T2Seconds { get => _t2; init => _t2 = value > 0 ? value : throw Bad("t2", value, "must be greater than 0"); }

    /// <summary>Swap scheduling of the repeaters (default asap).</summary>
    public SwapProtocol SwapProtocol { get; init; } = SwapProtocol.Asap;

    /// <summary>Bell-state measurement success probability (0 &lt; p ≤ 1; default 1).</summary>
    public double SwapSuccess { get => _swapSuccess; init => _swapSuccess = value is > 0 and <= 1 ? value : throw Bad("swap-success", value, "must be greater than 0 and at most 1"); }

    /// <summary>Two-qubit gate depolarising probability of the swap (0..1; default 0).</summary>
    public double GateDepolarizing { get => _gate; init => _gate = value is >= 0 and <= 1 ? value : throw Bad("gate-depolarizing", value, "must lie in 0..1"); }

    /// <summary>Readout flip probability of each swap readout bit (0..1; default 0).</summary>
    public double ReadoutError { get => _readout; init => _readout = value is >= 0 and <= 1 ? value : throw Bad("readout-error", value, "must lie in 0..1"); }

    /// <summary>Whether to add a raw session between the two farthest end nodes.</summary>
    public bool Session { get; init; }

    /// <summary>The session's minimum fidelity (0..1; default 0).</summary>
    public double SessionMinFidelity { get => _minFidelity; init => _minFidelity = value is >= 0 and <= 1 ? value : throw Bad("min-fidelity", value, "must lie in 0..1"); }

    /// <summary>The session's purification, or null.</summary>
    public PurificationSpec? SessionPurification { get; init; }

    /// <summary>The session's cutoff, seconds, or null; the range of a scenario file's <c>cutoff</c> (0 allowed: a pair is used in the round it is made).</summary>
    public double? SessionCutoffSeconds
    {
        get => _cutoff;
        init => _cutoff = value is null || SessionRequestRules.CutoffSeconds.Contains(value.Value) ? value : throw Bad("cutoff", value, SessionRequestRules.CutoffSeconds.Requirement);
    }

    // No parameter name: the message itself names the option, and the CLI prints it as is.
    private static ArgumentException Bad(string option, object? value, string rule) =>
        new($"--{option} {rule} (got {Format(value)}).");

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        null => "nothing",
        _ => value.ToString() ?? "",
    };
}
