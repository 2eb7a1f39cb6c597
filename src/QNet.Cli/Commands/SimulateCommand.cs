using System.Diagnostics;
using QNet.Cli.Output;
using QNet.Kernel;
using QNet.Network.Links;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet simulate FILE</c>: loads a scenario, runs it (replications in parallel) and reports.</summary>
internal sealed class SimulateCommand : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(settings.File, ScenarioUse.Simulation);
        if (loaded.Scenario is not { } scenario)
        {
            ScenarioErrorPrinter.Print(loaded.Errors);
            return ExitCodes.InvalidInput;
        }
        if (scenario.Mitigation is not null)
        {
            // The policy acts through the control plane (reroute, shed load, calibrate); simulate runs the network alone.
            Terminal.Error.MarkupLine("[yellow]note:[/] the mitigation section is checked but not applied: it is the policy of `qnet up --scenario` and offline game days; `qnet simulate` runs no control plane");
        }

        ulong seed = settings.Seed ?? scenario.Seed;
        var duration = SimTime.FromSeconds(settings.DurationSeconds ?? scenario.DurationSeconds);
        LinkEngine engine = settings.Engine == "per-attempt" ? LinkEngine.PerAttempt : LinkEngine.AttemptSkipping;
        var clock = Stopwatch.StartNew();
        SimulationSummary summary;
        try
        {
            summary = Terminal.WithProgress(!settings.Json, $"Simulating {scenario.Name}", settings.Runs, report =>
                ReplicationRunner.Run(seed, settings.Runs,
                    (_, runSeed, progress) => NetworkRun.Run(scenario, runSeed, duration, engine, progress, cancellationToken),
                    report, settings.Threads ?? -1, cancellationToken));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Problems only a built network reveals (e.g. fewer memory slots than links at a node).
            Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {settings.File}: {UserMessage.Of(e)}");
            return ExitCodes.InvalidInput;
        }
        double wallSeconds = clock.Elapsed.TotalSeconds;

        var document = SimulationDocument.From(scenario.Name, summary, wallSeconds, engine);
        if (settings.Out is { } dir)
        {
            SimulationFiles.Write(dir, document, summary);
        }
        if (settings.Json)
        {
            Console.Out.WriteLine(document.ToJson());
        }
        else
        {
            SimulationTable.Render(AnsiConsole.Console, document);
            if (settings.Out is { } outDir)
            {
                AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.GetFullPath(outDir)}[/] (result.json, links.csv, runs.csv).");
            }
        }
        return ExitCodes.Ok;
    }
}
