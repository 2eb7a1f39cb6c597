using System.Globalization;

namespace QNet.Network.Scenarios;

/// <summary>An allowed range of one numeric field of a session request, with the phrase that explains it in an error.</summary>
/// <param name="Min">Lower end.</param>
/// <param name="MinInclusive">Whether <paramref name="Min"/> itself is allowed.</param>
/// <param name="Max">Upper end (<see cref="double.MaxValue"/> for "any finite value").</param>
/// <param name="MaxInclusive">Whether <paramref name="Max"/> itself is allowed.</param>
/// <param name="Requirement">The rule in words, as it ends an error message ("minFidelity must lie between 0 and 1").</param>
public sealed record RangeRule(double Min, bool MinInclusive, double Max, bool MaxInclusive, string Requirement)
{
    /// <summary>True when <paramref name="value"/> lies in the range (NaN never does).</summary>
    public bool Contains(double value) =>
        (MinInclusive ? value >= Min : value > Min) && (MaxInclusive ? value <= Max : value < Max);

    /// <summary>The requirement when <paramref name="value"/> is out of range, null when it is fine.</summary>
    public string? Problem(double value) => Contains(value) ? null : Requirement;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Requirement} ({Min}..{Max})");
}
