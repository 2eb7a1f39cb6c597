using QNet.Network.Scenarios;
using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>Prints scenario problems as <c>FILE:LINE:COL: FIELD: message</c>, one per line, on standard error.</summary>
internal static class ScenarioErrorPrinter
{
    public static void Print(IReadOnlyList<ScenarioError> errors)
    {
        foreach (ScenarioError e in errors)
        {
            Terminal.Error.MarkupLine($"[red]{Markup.Escape(e.ToString())}[/]");
        }
        Terminal.Error.MarkupLine($"[red]{errors.Count} problem(s); nothing was simulated.[/]");
    }
}
