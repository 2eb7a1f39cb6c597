using QNet.Network.Scenarios;

namespace QNet.Network.Switching;

/// <summary>
/// The parameters of one quantum switch (hub-and-spoke entanglement service): each leaf link fills a
/// buffer of <see cref="Buffer"/> memory slots at the switch; a stored qubit is lost at the constant rate
/// <see cref="LossRateHz"/> (an exponential lifetime) and discarded at the latest after <see cref="CutoffSeconds"/>;
/// the switch swaps (or fuses) one qubit of each leaf of a servable request, succeeding with
/// <see cref="SwapSuccessProbability"/> (a failure consumes the qubits and leaves the request waiting).
/// Service takes no time, as in the analytic switch models.
/// </summary>
/// <param name="Id">Switch node id.</param>
/// <param name="Leaves">The leaves, at least two.</param>
/// <param name="Demands">The request classes between leaves.</param>
public sealed record SwitchModel(string Id, IReadOnlyList<SwitchLeaf> Leaves, IReadOnlyList<SwitchDemand> Demands)
{
    private readonly int _buffer = 1;
    private readonly double _lossRate;
    private readonly double? _cutoff;
    private readonly double _swapSuccess = 1;

    /// <summary>Leaves, at least two.</summary>
    public IReadOnlyList<SwitchLeaf> Leaves { get; } = Leaves.Count >= 2
        ? Leaves
        : throw new ArgumentException("a switch needs at least two leaf links.", nameof(Leaves));

    /// <summary>Requests; every leaf index is in range.</summary>
    public IReadOnlyList<SwitchDemand> Demands { get; } = Demands.All(d => d.Leaves.All(l => l < Leaves.Count))
        ? Demands
        : throw new ArgumentException("a switch request names a leaf the switch does not have.", nameof(Demands));

    /// <summary>B: memory slots per leaf at the switch (1..<see cref="SwitchSpec.MaxBuffer"/>, default 1).</summary>
    public int Buffer
    {
        get => _buffer;
        init => _buffer = value is >= 1 and <= SwitchSpec.MaxBuffer ? value : throw new ArgumentOutOfRangeException(nameof(Buffer), value, $"buffer must be between 1 and {SwitchSpec.MaxBuffer}.");
    }

    /// <summary>Policy among servable requests (default oldest-first).</summary>
    public SwitchPolicy Policy { get; init; } = SwitchPolicy.OldestFirst;

    /// <summary>Loss rate α of one stored qubit in Hz (mean lifetime 1/α); 0 (default) for none.</summary>
    public double LossRateHz
    {
        get => _lossRate;
        init => _lossRate = value is >= 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(LossRateHz), value, "lossRate must be finite and not negative.");
    }

    /// <summary>Cut-off: a qubit stored this long is discarded, in seconds; null (default) for none.</summary>
    public double? CutoffSeconds
    {
        get => _cutoff;
        init => _cutoff = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(CutoffSeconds), value, "cutoff must be positive.");
    }

    /// <summary>Probability that a swap (or fusion) succeeds, in (0, 1] (default 1).</summary>
    public double SwapSuccessProbability
    {
        get => _swapSuccess;
        init => _swapSuccess = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SwapSuccessProbability), value, "successProbability must be greater than 0 and at most 1.");
    }
}
