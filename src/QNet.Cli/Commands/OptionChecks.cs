using System.Globalization;
using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// Checks numeric options against their <see cref="OptionRangeAttribute"/> and explains values that
/// cannot be read at all, so that every option error names the option, the value given and the
/// values accepted, in plain words, instead of a conversion error from the framework
/// ("Failed to convert '-1' to Nullable`1").
/// </summary>
internal static class OptionChecks
{
    /// <summary>The first option of <paramref name="settings"/> outside its declared range, as a validation error.</summary>
    public static ValidationResult Validate(CommandSettings settings)
    {
        foreach (PropertyInfo property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } option
                || property.GetCustomAttribute<OptionRangeAttribute>() is not { } range
                || property.GetValue(settings) is not { } value)
            {
                continue;
            }
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (!range.Contains(number))
            {
                return ValidationResult.Error($"{NameOf(option)} {Convert.ToString(value, CultureInfo.InvariantCulture)} is out of range: give {range.Describe(property.PropertyType)}.");
            }
        }
        return ValidationResult.Success();
    }

    /// <summary>
    /// A plain message for an option value the framework could not convert, or null when
    /// <paramref name="exception"/> is not such a failure. <paramref name="args"/> (the command line)
    /// tells which option the value was given to.
    /// </summary>
    public static string? ConversionError(Exception exception, IReadOnlyList<string>? args)
    {
        const string prefix = "Failed to convert '";
        if (exception is not CommandRuntimeException || !exception.Message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        int end = exception.Message.LastIndexOf("' to ", StringComparison.Ordinal);
        string value = end > prefix.Length ? exception.Message[prefix.Length..end] : "";
        string? name = args is null ? null : OptionGivenValue(args, value);
        PropertyInfo? property = name is null ? null : FindOption(args!, name);
        string accepted = property is null
            ? "see --help for the values it accepts"
            : "give " + (property.GetCustomAttribute<OptionRangeAttribute>()?.Describe(property.PropertyType) ?? DescribeType(property.PropertyType));
        return name is null
            ? $"'{value}' is not a valid option value; {accepted}."
            : $"{name} '{value}' is not valid: {accepted}.";
    }

    /// <summary>Whether values of <paramref name="type"/> (or its nullable form) are whole numbers.</summary>
    public static bool IsWhole(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) || t == typeof(ulong) || t == typeof(uint) || t == typeof(short) || t == typeof(ushort);
    }

    private static string DescribeType(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
            : t == typeof(long) ? $"a whole number from {long.MinValue} to {long.MaxValue}"
            : t == typeof(ulong) ? $"a whole number from 0 to {ulong.MaxValue}"
            : t == typeof(double) ? "a number such as 0.5 or 1e-6"
            : $"a value of the form shown by --help";
    }

    private static string NameOf(CommandOptionAttribute option) =>
        option.LongNames.Count > 0 ? "--" + option.LongNames[0] : "-" + option.ShortNames[0];

    /// <summary>The option that <paramref name="value"/> follows on the command line (<c>--seed -1</c> or <c>--seed=-1</c>).</summary>
    private static string? OptionGivenValue(IReadOnlyList<string> args, string value)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.StartsWith('-') && arg.EndsWith("=" + value, StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                return arg[..arg.IndexOf('=', StringComparison.Ordinal)];
            }
            if (i + 1 < args.Count && args[i + 1] == value && arg.StartsWith('-') && !IsNumber(arg))
            {
                return arg;
            }
        }
        return null;
    }

    private static string Pascal(string word) =>
        string.Concat(word.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static bool IsNumber(string arg) => double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// The option property named <paramref name="name"/> in the settings of the verb on the command
    /// line (the longest run of leading arguments that names a command, e.g. <c>kms serve</c>).
    /// </summary>
    private static PropertyInfo? FindOption(IReadOnlyList<string> args, string name)
    {
        string bare = name.TrimStart('-');
        bool isLong = name.StartsWith("--", StringComparison.Ordinal);
        var candidates = typeof(OptionChecks).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Select(p => (Settings: t, Property: p)))
            .Where(c => c.Property.GetCustomAttribute<CommandOptionAttribute>() is { } o
                && (isLong ? o.LongNames.Contains(bare) : o.ShortNames.Contains(bare)))
            .ToList();
        // Prefer the verb's own settings, named after it: simulate → SimulateSettings, kms serve → KmsServeCommand.Settings.
        string[] words = [.. args.TakeWhile(a => !a.StartsWith('-')).Take(2).Select(Pascal)];
        for (int n = words.Length; n >= 1; n--)
        {
            string verb = string.Concat(words.Take(n));
            var match = candidates.FirstOrDefault(c => (c.Settings.DeclaringType?.Name ?? c.Settings.Name).StartsWith(verb, StringComparison.Ordinal));
            if (match.Property is not null)
            {
                return match.Property;
            }
        }
        return candidates.FirstOrDefault().Property;
    }
}
