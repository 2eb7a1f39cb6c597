using QNet.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Sweeps;

/// <summary>
/// <c>qnet sweep merge DIR... --out DIR</c>: combines the shard files of one sweep into the same results.csv,
/// results.json and plots a single-machine run writes (only <c>wallSeconds</c> differs: the longest shard's).
/// </summary>
internal sealed class SweepMergeCommand : Command<SweepMergeSettings>
{
    public override int Execute(CommandContext context, SweepMergeSettings settings, CancellationToken cancellationToken)
    {
        if (SweepShardSet.TryCombine(settings.Inputs, out string error) is not { } set)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {error}.");
            return ExitCodes.InvalidInput;
        }
        string json = SweepReport.Json(set.Table, set.First.Scenario, set.WallSeconds);
        SweepReport.Write(set.Table, json, settings.Out!);
        AnsiConsole.MarkupLineInterpolated(
            $"Merged {set.First.Shards} shard(s): {set.Table.Points.Count} point(s) × {set.Table.Runs} run(s); wrote [bold]{Path.GetFullPath(settings.Out!)}[/] (results.csv, results.json, rate.png, fidelity.png).");
        return ExitCodes.Ok;
    }
}
