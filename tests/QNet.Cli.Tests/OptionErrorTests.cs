using System.Reflection;
using QNet.Cli.Commands;
using Spectre.Console.Cli;

namespace QNet.Cli.Tests;

/// <summary>
/// Every option error names the option, the value given and the values accepted, in plain words,
/// and never shows framework internals ("Failed to convert '-1' to Nullable`1", "(Parameter ...)").
/// </summary>
public sealed class OptionErrorTests
{
    private static string Scenario => Path.Combine(QnetProcess.RepositoryRoot, "scenarios", "two-node-50km.yaml");

    public static TheoryData<string[], string> BadValues() => new()
    {
        { ["simulate", Scenario, "--seed", "-1"], "--seed '-1' is not valid: give a whole number from 0 to 18446744073709551615." },
        { ["simulate", Scenario, "--runs", "100000000"], "--runs 100000000 is out of range: give a whole number from 1 to 10000." },
        { ["simulate", Scenario, "--runs", "0"], "--runs 0 is out of range: give a whole number from 1 to 10000." },
        { ["simulate", Scenario, "--runs=abc"], "--runs 'abc' is not valid: give a whole number from 1 to 10000." },
        { ["simulate", Scenario, "--threads", "0"], "--threads 0 is out of range: give a whole number from 1 to 1024." },
        { ["sweep", Scenario, "--set", "duration=1s", "--runs", "99999999999"], "--runs '99999999999' is not valid: give a whole number from 1 to 10000." },
        { ["qkd", "--efficiency", "2"], "--efficiency 2 is out of range: give a number from 0 to 1." },
        { ["qkd", "--z-probability", "1"], "--z-probability 1 is out of range: give a number above 0 and below 1." },
        { ["qkd", "--blocks", "100000"], "--blocks 100000 is out of range: give a whole number from 1 to 1000." },
        { ["qkd", "--block-bits", "1e9"], "--block-bits '1e9' is not valid: give a whole number from 1 to 50000000." },
        { ["plan", "--distance", "100km", "--seed", "x"], "--seed 'x' is not valid: give a whole number from 0 to 18446744073709551615." },
        { ["plan", "--distance", "100km", "--target-fidelity", "1.5"], "--target-fidelity 1.5 is out of range: give a number from 0 to 1." },
        { ["topology", "chain", "--nodes", "0"], "--nodes 0 is out of range: give a whole number from 1 to 100000." },
        { ["topology", "chain", "--link-fidelity", "0.1", "--heralding", "probabilistic"], "--link-fidelity 0.1 is out of range: give a number from 0.25 to 1." },
        { ["up", "--api-port", "70000"], "--api-port 70000 is out of range: give a whole number from 0 to 65535." },
        { ["up", "--time-factor", "fast"], "--time-factor 'fast' is not valid: give a number above 0 and at most 10000." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Verb_BadOptionValue_ExitsTwoNamingOptionValueAndRange(string[] args, string message)
    {
        QnetProcess.Result r = QnetProcess.Run(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: " + message, r.StdErr.ReplaceLineEndings(" "));
        AssertNoInternals(r.StdErr);
    }

    [Fact]
    public void Qkd_InconsistentIntensities_PlainMessageWithoutParameterNames()
    {
        QnetProcess.Result r = QnetProcess.Run("qkd", "--signal", "0.1", "--decoy", "0.2");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("decoy intensity must satisfy vacuum < decoy and decoy + vacuum < signal", r.StdErr);
        AssertNoInternals(r.StdErr);
    }

    [Fact]
    public void EveryNumericOption_DeclaresTheRangeItAccepts()
    {
        // Seeds take every 64-bit value, so their range is their type; every other number is bounded.
        var missing = typeof(QNetApp).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            .Where(p => p.GetCustomAttribute<CommandOptionAttribute>() is { } o && !o.LongNames.Contains("seed"))
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(ulong)))
            .Where(p => p.GetCustomAttribute<OptionRangeAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();

        Assert.Empty(missing);
    }

    private static void AssertNoInternals(string stderr)
    {
        foreach (string inner in (string[])["Failed to convert", "Nullable`1", "(Parameter '", "Actual value was", "Int32", "UInt64", "   at "])
        {
            Assert.DoesNotContain(inner, stderr, StringComparison.Ordinal);
        }
    }
}
