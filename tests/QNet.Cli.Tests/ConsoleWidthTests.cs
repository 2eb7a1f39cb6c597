using QNet.Cli.Output;
using Spectre.Console;

namespace QNet.Cli.Tests;

/// <summary>Tables fold only where a terminal's width (or COLUMNS) says so, never at a default 80 columns in a pipe.</summary>
public sealed class ConsoleWidthTests
{
    private static IAnsiConsole Piped() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(new StringWriter()),
    });

    [Theory]
    [InlineData(null, ConsoleWidth.Unwrapped)]
    [InlineData("", ConsoleWidth.Unwrapped)]
    [InlineData("abc", ConsoleWidth.Unwrapped)]
    [InlineData("5", ConsoleWidth.Unwrapped)]
    [InlineData("200", 200)]
    [InlineData("100", 100)]
    public void Apply_PipedOutput_UsesColumnsOrPrintsWholeRows(string? columns, int expected)
    {
        IAnsiConsole console = Piped();

        ConsoleWidth.Apply(console, columns);

        Assert.Equal(expected, console.Profile.Width);
    }

    [Fact]
    public void Apply_WideTablePiped_KeepsEachRowOnOneLine()
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        var table = new Table();
        for (int i = 0; i < 12; i++)
        {
            table.AddColumn($"column number {i}");
        }

        ConsoleWidth.Apply(console, null);
        console.Write(table);

        string[] lines = writer.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Single(lines, l => l.Contains("column number 0", StringComparison.Ordinal) && l.Contains("column number 11", StringComparison.Ordinal));
    }
}
