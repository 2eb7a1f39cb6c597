using System.Globalization;
using System.Text.RegularExpressions;

namespace QNet.Network.Scenarios;

/// <summary>
/// A unit-suffixed value read from a scenario file (<c>50km</c>, <c>0.2dB/km</c>, <c>1.5us</c>,
/// <c>2MHz</c>, <c>20dB</c>), held in the internal unit of its dimension: metres, seconds, hertz,
/// dB/km, dB or m/s. A space between number and unit is allowed; scientific notation too (<c>1.7e-6s</c>).
/// </summary>
/// <param name="Value">The value in the internal unit of <paramref name="Dimension"/>.</param>
/// <param name="Dimension">What the value measures.</param>
public readonly partial record struct Quantity(double Value, Dimension Dimension)
{
    /// <summary>
    /// Parses <paramref name="text"/> as a value of <paramref name="expected"/> dimension.
    /// On failure <paramref name="error"/> says why (missing unit, unknown unit, wrong dimension,
    /// unreadable number) without naming the field; the caller adds that.
    /// </summary>
    public static bool TryParse(string text, Dimension expected, out Quantity quantity, out string error)
    {
        quantity = default;
        error = "";
        string trimmed = text.Trim();
        Match match = NumberPrefix().Match(trimmed);
        if (!match.Success)
        {
            error = trimmed.Length == 0
                ? "has no value"
                : $"cannot read '{trimmed}' as {Units.Describe(expected)}: it does not start with a number (write e.g. {Units.Example(expected)})";
            return false;
        }
        string suffix = trimmed[match.Length..].Trim();
        if (suffix.Length == 0)
        {
            error = $"missing unit: '{trimmed}' needs {Units.Describe(expected)} unit ({string.Join(", ", Units.SuffixesOf(expected))}), e.g. {Units.Example(expected)}";
            return false;
        }
        if (!Units.TryGet(suffix, out Dimension actual, out double factor))
        {
            string? near = Spelling.Closest(suffix, Units.SuffixesOf(expected), ignoreCase: true);
            error = $"unknown unit '{suffix}' in '{trimmed}'; {Units.Describe(expected)} takes {string.Join(", ", Units.SuffixesOf(expected))}"
                + (near is null ? "" : $" (did you mean '{near}'?)");
            return false;
        }
        if (actual != expected)
        {
            error = $"wrong unit: '{trimmed}' is {Units.Describe(actual)}, but this field takes {Units.Describe(expected)} ({string.Join(", ", Units.SuffixesOf(expected))})";
            return false;
        }
        if (!TryParseNumber(match.Value, out double number))
        {
            error = $"cannot read '{match.Value}' as a number";
            return false;
        }
        double value = number * factor;
        if (!double.IsFinite(value))
        {
            error = $"'{trimmed}' is too large";
            return false;
        }
        quantity = new Quantity(value, expected);
        return true;
    }

    /// <summary>Parses a value of the expected dimension or throws <see cref="FormatException"/> with the reason.</summary>
    public static Quantity Parse(string text, Dimension expected) =>
        TryParse(text, expected, out Quantity quantity, out string error) ? quantity : throw new FormatException(error);

    /// <summary>
    /// Parses a plain decimal number in invariant culture (sign, decimals and exponent allowed;
    /// no thousands separators, hex, NaN or infinity).
    /// </summary>
    public static bool TryParseNumber(string text, out double value)
    {
        string trimmed = text.Trim();
        Match match = NumberPrefix().Match(trimmed);
        if (!match.Success || match.Length != trimmed.Length)
        {
            value = 0;
            return false;
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Whether <paramref name="text"/> begins with a number, so a suffix after it is a unit.</summary>
    internal static bool StartsWithNumber(string text) => NumberPrefix().IsMatch(text.Trim());

    [GeneratedRegex(@"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();
}
