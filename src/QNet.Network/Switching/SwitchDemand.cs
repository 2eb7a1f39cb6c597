namespace QNet.Network.Switching;

/// <summary>
/// A request class at a switch: states shared among <paramref name="Leaves"/> (two leaves: a Bell pair made
/// by one swap; more: a GHZ state made by fusing one qubit of each). Requests arrive as a Poisson stream
/// at <see cref="RateHz"/>, or <see cref="Pairs"/> of them at the start, or, with neither, the demand is
/// always on (a request is always waiting, the saturated model of the capacity literature).
/// </summary>
/// <param name="Id">Session id.</param>
/// <param name="Leaves">Indexes into the switch's leaves; at least two, all different.</param>
public sealed record SwitchDemand(string Id, IReadOnlyList<int> Leaves)
{
    private readonly double? _rate;
    private readonly long? _pairs;
    private readonly double _weight = 1;

    /// <summary>Leaf indexes, distinct, at least two.</summary>
    public IReadOnlyList<int> Leaves { get; } = Leaves.Count >= 2 && Leaves.Distinct().Count() == Leaves.Count && Leaves.All(l => l >= 0)
        ? Leaves
        : throw new ArgumentException("a switch request needs at least two different leaves.", nameof(Leaves));

    /// <summary>Poisson request rate in Hz, or null.</summary>
    public double? RateHz
    {
        get => _rate;
        init => _rate = value is null or (> 0 and < double.PositiveInfinity) ? value : throw new ArgumentOutOfRangeException(nameof(RateHz), value, "rate must be positive and finite.");
    }

    /// <summary>Number of requests arriving together at the start, or null.</summary>
    public long? Pairs
    {
        get => _pairs;
        init => _pairs = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Pairs), value, "pairs must be at least 1.");
    }

    /// <summary>When the demand opens, in seconds of simulated time (≥ 0).</summary>
    public double StartSeconds { get; init; }

    /// <summary>How long the demand stays open, in seconds, or null for the rest of the run.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Weight under <see cref="Scenarios.SwitchPolicy.Weighted"/> (&gt; 0, default 1).</summary>
    public double Weight
    {
        get => _weight;
        init => _weight = value is > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(Weight), value, "weight must be positive and finite.");
    }

    /// <summary>True when a request is always waiting (neither rate nor pairs).</summary>
    public bool AlwaysOn => RateHz is null && Pairs is null;

    /// <summary>True for a GHZ request (three or more leaves).</summary>
    public bool IsGhz => Leaves.Count > 2;
}
