using System.Globalization;
using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>
/// The width tables and messages are laid out for. Spectre assumes 80 columns when output is not a
/// terminal, which folds table rows and splits numbers and headers in a pipe or a CI log. A
/// <c>COLUMNS</c> variable always wins; otherwise a terminal keeps its own width and anything else
/// gets <see cref="Unwrapped"/>, so every row is printed whole. Machines should still read
/// <c>--json</c> or the CSV files.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Width used when output is not a terminal: wide enough that no row folds.</summary>
    public const int Unwrapped = 4096;

    /// <summary>Narrowest and widest <c>COLUMNS</c> honoured; other values are ignored.</summary>
    private const int MinColumns = 20, MaxColumns = 100_000;

    /// <summary>Sets the width of <paramref name="console"/> as the class summary says.</summary>
    public static void Apply(IAnsiConsole console, string? columns)
    {
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out int width) && width is >= MinColumns and <= MaxColumns)
        {
            console.Profile.Width = width;
        }
        else if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = Unwrapped;
        }
    }

    /// <summary>Applies the rule to standard output's and standard error's consoles, from the environment.</summary>
    public static void ApplyToProcess()
    {
        string? columns = Environment.GetEnvironmentVariable("COLUMNS");
        Apply(AnsiConsole.Console, columns);
        Apply(Terminal.Error, columns);
    }
}
