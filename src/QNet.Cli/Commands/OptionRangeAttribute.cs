using System.Globalization;

namespace QNet.Cli.Commands;

/// <summary>
/// The values a numeric option accepts, declared beside the option so that one rule serves the
/// range check (<see cref="OptionChecks"/>), the error for an unreadable value and the message a
/// user sees: "--runs 0 is out of range: give a whole number from 1 to 10000".
/// </summary>
/// <param name="min">Smallest value accepted (see <see cref="MinExclusive"/>).</param>
/// <param name="max">Largest value accepted (see <see cref="MaxExclusive"/>).</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class OptionRangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;

    public double Max { get; } = max;

    /// <summary>Whether <see cref="Min"/> itself is refused (a probability that must be above 0).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Whether <see cref="Max"/> itself is refused (a probability that must stay below 1).</summary>
    public bool MaxExclusive { get; init; }

    /// <summary>Unit or meaning appended to the range in messages, e.g. "mean photons per pulse".</summary>
    public string? Meaning { get; init; }

    public bool Contains(double value) => (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>The range in plain words, for a property of type <paramref name="type"/>.</summary>
    public string Describe(Type type)
    {
        bool whole = OptionChecks.IsWhole(type);
        string noun = whole ? "a whole number" : "a number";
        string range = (MinExclusive, MaxExclusive) switch
        {
            (false, false) => $"{noun} from {Text(Min)} to {Text(Max)}",
            (true, false) => $"{noun} above {Text(Min)} and at most {Text(Max)}",
            (false, true) => $"{noun} of at least {Text(Min)} and below {Text(Max)}",
            (true, true) => $"{noun} above {Text(Min)} and below {Text(Max)}",
        };
        return Meaning is null ? range : $"{range} ({Meaning})";
    }

    private static string Text(double value) => value.ToString(Math.Abs(value) >= 1e6 && value == Math.Floor(value) ? "0" : "G6", CultureInfo.InvariantCulture);
}
