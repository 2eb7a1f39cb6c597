using QNet.Cli.Output;
using QNet.Cli.Plots;
using QNet.Network.Planning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet plan --distance 400km ...</c>: compares repeater-chain designs on usable rate and cost per usable pair (docs/planning.md).</summary>
internal sealed class PlanCommand : Command<PlanSettings>
{
    public override int Execute(CommandContext context, PlanSettings settings, CancellationToken cancellationToken)
    {
        PlanRequest request;
        try
        {
            request = PlanOptions.ToRequest(settings);
        }
        catch (ArgumentException e)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {Network.Scenarios.UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }
        if (!File.Exists(settings.Costs))
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] cost model {settings.Costs} not found; give one with --costs (an example ships as scenarios/costs.yaml).");
            return ExitCodes.CannotRead;
        }
        var (costs, errors) = CostModelLoader.LoadFile(settings.Costs);
        if (costs is null)
        {
            foreach (var e in errors)
            {
                Terminal.Error.MarkupLineInterpolated($"[red]{e.ToString()}[/]");
            }
            return ExitCodes.InvalidInput;
        }
        int designs = request.Designs().Count;
        PlanResult result = Terminal.WithProgress(!settings.Json, $"Planning {designs} design(s)", designs * request.Runs,
            report => Planner.Run(request, costs, settings.Threads ?? -1, report, cancellationToken));

        if (settings.Out is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "plan.csv"), PlanReport.Csv(result));
            File.WriteAllText(Path.Combine(dir, "plan.json"), PlanReport.Json(result));
            PlanPlot.Save(result, Path.Combine(dir, "plan.png"));
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(PlanReport.Json(result));
            return ExitCodes.Ok;
        }
        AnsiConsole.Write(PlanReport.Table(result));
        AnsiConsole.MarkupLine(result.Recommended is { } best
            ? $"recommended: [green bold]{Markup.Escape(best.Design.Label)}[/], {best.UsableRateHz.Mean:G3} usable pairs/s at {Markup.Escape(best.CostPerPair.ToString("G3", System.Globalization.CultureInfo.InvariantCulture))} {Markup.Escape(result.Costs.Currency)} per pair"
            : "[yellow]no design delivered pairs at the target fidelity (and minimum rate); try more repeaters, better fiber or memories, purification, or a longer --duration[/]");
        if (settings.Out is { } outDir)
        {
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(outDir)}[/] (plan.csv, plan.json, plan.png).");
        }
        return ExitCodes.Ok;
    }
}
