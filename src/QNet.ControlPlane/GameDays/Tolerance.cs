using System.Globalization;

namespace QNet.ControlPlane.GameDays;

/// <summary>
/// What a probe's reading must be: a comparison with a number (<c>{lt: 0.1}</c>), a closed range
/// (<c>[0.9, 1]</c>), or, for an alert probe, one or more states (<c>inactive</c>, <c>[pending, firing]</c>).
/// A missing reading (no data in the window) never meets a numeric tolerance.
/// </summary>
internal sealed record Tolerance(Comparison Comparison, double Low, double High, IReadOnlyList<string> States)
{
    /// <summary>A numeric comparison (or a range, with <paramref name="high"/>).</summary>
    public static Tolerance Number(Comparison comparison, double low, double high = double.NaN) => new(comparison, low, high, []);

    /// <summary>A state tolerance.</summary>
    public static Tolerance OfStates(IReadOnlyList<string> states) => new(Comparison.State, double.NaN, double.NaN, states);

    /// <summary>True when <paramref name="value"/> meets the tolerance.</summary>
    public bool Holds(double? value) => value is { } v && !double.IsNaN(v) && Comparison switch
    {
        Comparison.Lt => v < Low,
        Comparison.Le => v <= Low,
        Comparison.Gt => v > Low,
        Comparison.Ge => v >= Low,
        Comparison.Eq => v == Low,
        Comparison.Between => v >= Low && v <= High,
        _ => false,
    };

    /// <summary>True when the alert state <paramref name="state"/> meets the tolerance.</summary>
    public bool Holds(string state) => Comparison == Comparison.State && States.Contains(state, StringComparer.Ordinal);

    /// <summary>The tolerance as written in the report, e.g. <c>&gt; 100</c> or <c>in [0.9, 1]</c>.</summary>
    public override string ToString() => Comparison switch
    {
        Comparison.Lt => "< " + Format(Low),
        Comparison.Le => "<= " + Format(Low),
        Comparison.Gt => "> " + Format(Low),
        Comparison.Ge => ">= " + Format(Low),
        Comparison.Eq => "= " + Format(Low),
        Comparison.Between => $"in [{Format(Low)}, {Format(High)}]",
        _ => string.Join(" or ", States),
    };

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
