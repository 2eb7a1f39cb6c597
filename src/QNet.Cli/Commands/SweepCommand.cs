using System.Diagnostics;
using QNet.Cli.Commands.Sweeps;
using QNet.Cli.Output;
using QNet.Network.Scenarios;
using QNet.Network.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet sweep FILE --set PATH=VALUES ...</c>: runs the scenario over the grid of values (docs/planning.md); with
/// <c>--shard I/N</c> only its share (merged by <c>qnet sweep merge</c>); with <c>--emit-job N</c> writes Kubernetes Jobs instead.
/// </summary>
internal sealed class SweepCommand : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var parameters = new List<SweepParameter>();
        foreach (string set in settings.Set)
        {
            if (SweepParameter.TryParse(set, out string error) is not { } parameter)
            {
                Terminal.Error.MarkupLineInterpolated($"[red]error:[/] --set {error}.");
                return ExitCodes.InvalidInput;
            }
            parameters.Add(parameter);
        }
        long points = SweepRunner.PointCount(parameters);
        if (points > SweepRunner.MaxPoints)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] the grid has more than {SweepRunner.MaxPoints} points; sweep fewer values.");
            return ExitCodes.InvalidInput;
        }
        double? duration = null;
        try
        {
            duration = settings.Duration is null ? null : TopologyOptions.Value(settings.Duration, Network.Scenarios.Dimension.Duration, "--duration");
        }
        catch (ArgumentException e)
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }
        if (duration is <= 0 or > Network.Scenarios.Scenario.MaxDurationSeconds)
        {
            Terminal.Error.MarkupLine("[red]error:[/] --duration must be greater than 0 and at most 100 days.");
            return ExitCodes.InvalidInput;
        }
        if (!ScenarioFile.TryRead(settings.File, out string text, out ScenarioError? readError))
        {
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {readError!}");
            return ExitCodes.CannotRead;
        }

        if (settings.EmitJob is { } jobs)
        {
            return EmitJob(settings, text, parameters, jobs);
        }
        SweepShard shard = settings.Shard is null ? SweepShard.Whole : SweepShard.TryParse(settings.Shard, out _)!;
        var clock = Stopwatch.StartNew();
        int tasks = shard.Tasks((int)points * settings.Runs).Count();
        SweepShardResult run = Terminal.WithProgress(!settings.Json, $"Sweeping {points} point(s) × {settings.Runs} run(s){(settings.Shard is null ? "" : $", shard {shard}")}", tasks, report =>
            SweepRunner.RunShard(text, settings.File, parameters, shard, settings.Runs, duration, maxDegreeOfParallelism: settings.Threads ?? -1,
                progress: report, cancellationToken: cancellationToken));
        if (!run.Succeeded)
        {
            ScenarioErrorPrinter.Print(run.Errors);
            return ExitCodes.InvalidInput;
        }
        if (settings.Shard is not null)
        {
            var file = new SweepShardFile(SweepShardFile.FormatName, shard.Index, shard.Count, settings.File, SweepShardFile.Digest(text), settings.Set,
                settings.Runs, run.DurationSeconds, run.PointCount, clock.Elapsed.TotalSeconds, run.Figures);
            Directory.CreateDirectory(settings.Out!);
            string path = Path.Combine(settings.Out!, SweepShardFile.FileName(shard));
            File.WriteAllText(path, file.ToJson());
            Terminal.Error.MarkupLineInterpolated($"Shard {shard}: {run.Figures.Count} of {points * settings.Runs} run(s) in {clock.Elapsed.TotalSeconds:0.0} s wall; wrote [bold]{Path.GetFullPath(path)}[/].");
            return ExitCodes.Ok;
        }
        SweepTable result = SweepTable.TryCombine(parameters, run.Runs, run.DurationSeconds, run.Figures, out _)!;
        string json = SweepReport.Json(result, settings.File, clock.Elapsed.TotalSeconds);
        if (settings.Out is { } dir)
        {
            SweepReport.Write(result, json, dir);
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(json);
            return ExitCodes.Ok;
        }
        var table = new Table().RoundedBorder();
        foreach (SweepParameter p in parameters)
        {
            table.AddColumn(Markup.Escape(p.Path));
        }
        table.AddColumn("series");
        table.AddColumn(new TableColumn("pairs/s").RightAligned());
        table.AddColumn(new TableColumn("mean fidelity").RightAligned());
        table.AddColumn("note");
        foreach (SweepReport.Row r in SweepReport.Rows(result))
        {
            table.AddRow([.. r.Values.Select(Markup.Escape), Markup.Escape($"{r.Kind} {r.Id}"), SweepReport.Cell(r.PairsPerSecond, r.PairsPerSecondStdErr, "G4"),
                SweepReport.Cell(r.MeanFidelity, r.MeanFidelityStdErr, "0.0000"), Markup.Escape(r.Error ?? "")]);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{points} point(s) × {settings.Runs} run(s) in {clock.Elapsed.TotalSeconds:0.0} s wall.");
        if (settings.Out is { } outDir)
        {
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(outDir)}[/] (results.csv, results.json, rate.png, fidelity.png).");
        }
        return ExitCodes.Ok;
    }

    private static int EmitJob(SweepSettings settings, string text, IReadOnlyList<SweepParameter> parameters, int shards)
    {
        // A bad override fails here, before a cluster runs N pods to find it.
        if (SweepRunner.Check(text, settings.File, parameters) is { Count: > 0 } errors)
        {
            ScenarioErrorPrinter.Print(errors);
            return ExitCodes.InvalidInput;
        }
        var manifest = new SweepJobManifest(Path.GetFileName(settings.File), text, settings.Set, settings.Runs, settings.Duration, settings.Threads,
            shards, settings.Image ?? SweepJobManifest.DefaultImage);
        Directory.CreateDirectory(settings.Out!);
        string jobPath = Path.Combine(settings.Out!, SweepJobManifest.ShardsFileName), mergePath = Path.Combine(settings.Out!, SweepJobManifest.MergeFileName);
        File.WriteAllText(jobPath, manifest.ShardsYaml());
        File.WriteAllText(mergePath, manifest.MergeYaml());
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(jobPath)}[/] (volume, scenario ConfigMap, Indexed Job of {shards} shard(s)) and [bold]{Path.GetFullPath(mergePath)}[/] (merge Job).");
        AnsiConsole.MarkupLineInterpolated($"Run: kubectl apply -f {jobPath}; kubectl wait --for=condition=complete job/{manifest.ShardsJobName} --timeout=24h; kubectl apply -f {mergePath}");
        return ExitCodes.Ok;
    }
}
