namespace QNet.Network.Scenarios;

/// <summary>The <c>switch</c> settings of a switch node (docs/scenarios.md).</summary>
/// <param name="Buffer"><c>buffer</c>: memory slots per leaf link at the switch (1..10⁶, default 1).</param>
/// <param name="Policy"><c>policy</c>: which servable request is served first (default oldest-first).</param>
public sealed record SwitchSpec(int Buffer = 1, SwitchPolicy Policy = SwitchPolicy.OldestFirst)
{
    /// <summary>Largest buffer per leaf.</summary>
    public const int MaxBuffer = 1_000_000;

    private readonly double _lossRate;
    private readonly double? _cutoff;
    private readonly double _success = 1;

    /// <summary>Slots per leaf.</summary>
    public int Buffer { get; } = Buffer is >= 1 and <= MaxBuffer
        ? Buffer
        : throw new ArgumentOutOfRangeException(nameof(Buffer), Buffer, $"buffer must be between 1 and {MaxBuffer}.");

    /// <summary><c>lossRate</c> α in Hz (or <c>lifetime</c> 1/α): a stored qubit is lost at this constant rate; 0 (default) for none.</summary>
    public double LossRateHz { get => _lossRate; init => _lossRate = SpecGuard.NonNegative(value, "lossRate"); }

    /// <summary><c>cutoff</c>: a qubit stored this long is discarded, in seconds; null (default) for none.</summary>
    public double? CutoffSeconds { get => _cutoff; init => _cutoff = SpecGuard.Optional(value, (v, f) => SpecGuard.Positive(v, f), "cutoff"); }

    /// <summary><c>successProbability</c> of one swap or fusion at the switch, in (0, 1] (default 1).</summary>
    public double SwapSuccessProbability
    {
        get => _success;
        init => _success = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SwapSuccessProbability), value, "successProbability must be greater than 0 and at most 1.");
    }
}
