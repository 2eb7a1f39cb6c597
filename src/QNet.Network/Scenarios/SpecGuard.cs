namespace QNet.Network.Scenarios;

/// <summary>
/// Range checks for the scenario records, each naming the field as it is spelt in files. The loader
/// checks every value with its line before building a record, so these only catch programming errors.
/// </summary>
internal static class SpecGuard
{
    public static double Probability(double value, string field) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(field, value, $"{field} must lie between 0 and 1.");

    public static double NonNegative(double value, string field) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(field, value, $"{field} must be finite and at least 0.");

    public static double Positive(double value, string field, bool allowInfinity = false) =>
        value > 0 && (allowInfinity || double.IsFinite(value)) && !double.IsNaN(value)
            ? value
            : throw new ArgumentOutOfRangeException(field, value, $"{field} must be greater than 0.");

    public static double? Optional(double? value, Func<double, string, double> check, string field) =>
        value is { } v ? check(v, field) : null;

    public static string Id(string value, string field) =>
        IdRule.IsValid(value) ? value : throw new ArgumentException($"{field} '{value}' {IdRule.Requirement}.", field);
}
