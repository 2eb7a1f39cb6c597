namespace QNet.Agent.Telemetry.Vendor;

/// <summary>
/// The one table of vendor units: their wire names in mapping files, their dimension and their conversion to the
/// dimension's base unit (seconds, hertz, a 0..1 ratio, a count).
/// </summary>
public static class VendorUnits
{
    private sealed record Entry(VendorUnit Unit, string[] Names, UnitDimension Dimension, Func<double, double> ToBase, Func<double, double> FromBase);

    private static readonly Entry[] Table =
    [
        new(VendorUnit.Seconds, ["s"], UnitDimension.Time, v => v, v => v),
        new(VendorUnit.Milliseconds, ["ms"], UnitDimension.Time, v => v / 1e3, v => v * 1e3),
        new(VendorUnit.Microseconds, ["us", "µs"], UnitDimension.Time, v => v / 1e6, v => v * 1e6),
        new(VendorUnit.Nanoseconds, ["ns"], UnitDimension.Time, v => v / 1e9, v => v * 1e9),
        new(VendorUnit.Minutes, ["min"], UnitDimension.Time, v => v * 60, v => v / 60),
        new(VendorUnit.Hertz, ["Hz"], UnitDimension.Frequency, v => v, v => v),
        new(VendorUnit.Kilohertz, ["kHz"], UnitDimension.Frequency, v => v * 1e3, v => v / 1e3),
        new(VendorUnit.Megahertz, ["MHz"], UnitDimension.Frequency, v => v * 1e6, v => v / 1e6),
        new(VendorUnit.CountsPerSecond, ["cps"], UnitDimension.Frequency, v => v, v => v),
        new(VendorUnit.CountsPerMinute, ["cpm"], UnitDimension.Frequency, v => v / 60, v => v * 60),
        new(VendorUnit.Ratio, ["ratio"], UnitDimension.Ratio, v => v, v => v),
        new(VendorUnit.Percent, ["percent", "%"], UnitDimension.Ratio, v => v / 100, v => v * 100),
        new(VendorUnit.PartsPerMillion, ["ppm"], UnitDimension.Ratio, v => v / 1e6, v => v * 1e6),
        new(VendorUnit.DecibelLoss, ["dB"], UnitDimension.Ratio, v => Math.Pow(10, -v / 10), v => -10 * Math.Log10(v)),
        new(VendorUnit.Count, ["count"], UnitDimension.Count, v => v, v => v),
    ];

    /// <summary>Every wire name, for error messages.</summary>
    public static IEnumerable<string> AllNames => Table.SelectMany(e => e.Names);

    /// <summary>The unit a wire name names (case-sensitive: <c>ms</c> is not <c>Ms</c>), or null.</summary>
    public static VendorUnit? Parse(string text)
    {
        foreach (var e in Table)
        {
            if (e.Names.Contains(text, StringComparer.Ordinal))
            {
                return e.Unit;
            }
        }

        return null;
    }

    /// <summary>The first wire name of <paramref name="unit"/>.</summary>
    public static string Name(VendorUnit unit) => Find(unit).Names[0];

    /// <summary>What <paramref name="unit"/> measures.</summary>
    public static UnitDimension Dimension(VendorUnit unit) => Find(unit).Dimension;

    /// <summary><paramref name="value"/> in <paramref name="unit"/> converted to its dimension's base unit.</summary>
    public static double ToBase(VendorUnit unit, double value) => Find(unit).ToBase(value);

    /// <summary><paramref name="value"/> in the base unit converted to <paramref name="unit"/> (an emulated device speaking a vendor's units).</summary>
    public static double FromBase(VendorUnit unit, double value) => Find(unit).FromBase(value);

    /// <summary>
    /// The dimension a QNet metric name states by its suffix (Prometheus conventions: base units in the name), or
    /// <see cref="UnitDimension.Count"/> for counters and other plain numbers.
    /// </summary>
    public static UnitDimension DimensionOf(string qnetMetric) =>
        qnetMetric.EndsWith("_seconds", StringComparison.Ordinal) ? UnitDimension.Time
        : qnetMetric.EndsWith("_hertz", StringComparison.Ordinal) ? UnitDimension.Frequency
        : qnetMetric.EndsWith("_ratio", StringComparison.Ordinal) ? UnitDimension.Ratio
        : UnitDimension.Count;

    /// <summary>The dimension's name as an error message says it.</summary>
    public static string Describe(UnitDimension dimension) => dimension switch
    {
        UnitDimension.Time => "a time (s, ms, us, ns, min)",
        UnitDimension.Frequency => "a frequency (Hz, kHz, MHz, cps, cpm)",
        UnitDimension.Ratio => "a ratio (ratio, percent, ppm, dB)",
        _ => "a count (count)",
    };

    private static Entry Find(VendorUnit unit) => Table.First(e => e.Unit == unit);
}
