using QNet.Network.Scenarios;

namespace QNet.Network.Planning;

/// <summary>
/// What <c>qnet plan</c> compares: every combination of the design options, each simulated as a
/// generated chain with one session between the ends asking for <see cref="TargetFidelity"/>.
/// Link and node hardware other than the design options is shared by all designs.
/// </summary>
/// <param name="DistanceMetres">End-to-end distance, metres (&gt; 0).</param>
public sealed record PlanRequest(double DistanceMetres)
{
    private readonly double _target = 0.9;
    private readonly double _duration = 1;
    private readonly int _runs = 1;
    private readonly int _slots = 2;

    /// <summary>Distance, metres.</summary>
    public double DistanceMetres { get; } = DistanceMetres > 0 && double.IsFinite(DistanceMetres)
        ? DistanceMetres
        : throw new ArgumentException($"--distance must be greater than 0 (got {DistanceMetres}).");

    /// <summary>Fidelity every usable pair must reach (0..1; default 0.9).</summary>
    public double TargetFidelity { get => _target; init => _target = value is >= 0 and <= 1 ? value : throw new ArgumentException($"--target-fidelity must lie in 0..1 (got {value})."); }

    /// <summary>Repeater counts to try (default 0..8).</summary>
    public IReadOnlyList<int> Repeaters { get; init; } = Enumerable.Range(0, 9).ToArray();

    /// <summary>Fiber attenuations to try, dB/km (default 0.2).</summary>
    public IReadOnlyList<double> Attenuations { get; init; } = [0.2];

    /// <summary>Memory T2 values to try, seconds (default 1 s).</summary>
    public IReadOnlyList<double> T2Seconds { get; init; } = [1];

    /// <summary>Purification options to try; null is none (default: none only).</summary>
    public IReadOnlyList<PurificationSpec?> Purifications { get; init; } = [null];

    /// <summary>Heralding scheme of every link (default double-click).</summary>
    public HeraldingScheme Heralding { get; init; } = HeraldingScheme.DoubleClick;

    /// <summary>Detector efficiency (default 0.9).</summary>
    public double DetectorEfficiency { get; init; } = 0.9;

    /// <summary>Bright-state population of single-click links (default 0.05).</summary>
    public double BrightStatePopulation { get; init; } = 0.05;

    /// <summary>Memory slots per link at each node before purification asks for more (default 2).</summary>
    public int MemorySlotsPerLink { get => _slots; init => _slots = value is >= 1 and <= 1000 ? value : throw new ArgumentException($"--memory-slots must be from 1 to 1000 (got {value})."); }

    /// <summary>Swap success probability (default 1).</summary>
    public double SwapSuccess { get; init; } = 1;

    /// <summary>Swap gate depolarising probability (default 0.01).</summary>
    public double GateDepolarizing { get; init; } = 0.01;

    /// <summary>Session cutoff, seconds, or null for none.</summary>
    public double? CutoffSeconds { get; init; }

    /// <summary>Simulated seconds per design and run (default 1 s).</summary>
    public double DurationSeconds { get => _duration; init => _duration = value is > 0 and <= Scenario.MaxDurationSeconds ? value : throw new ArgumentException($"--duration must be greater than 0 and at most 100 days (got {value})."); }

    /// <summary>Replications per design (default 1).</summary>
    public int Runs { get => _runs; init => _runs = value is >= 1 and <= 10_000 ? value : throw new ArgumentException($"--runs must be from 1 to 10000 (got {value})."); }

    /// <summary>Root seed; run r of every design uses the same derived seed.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Usable pairs per second a recommended design must reach (default 0: any).</summary>
    public double MinRateHz { get; init; }

    /// <summary>Every combination of the options, repeaters varying slowest.</summary>
    public IReadOnlyList<PlanDesign> Designs() =>
        (from n in Repeaters
         from a in Attenuations
         from t in T2Seconds
         from p in Purifications
         select new PlanDesign(n, a, t, p)).ToArray();
}
