using QNet.Cli.Commands;
using Spectre.Console.Cli;

namespace QNet.Cli;

/// <summary>Builds the <c>qnet</c> command tree; each verb is one command class in <c>Commands/</c>.</summary>
internal static class QNetApp
{
    public static CommandApp Create()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("qnet");
            config.PropagateExceptions();
            config.AddCommand<SimulateCommand>("simulate").WithDescription("Simulate a scenario file and report rates, fidelities and heralding latency.")
                .WithExample("simulate", "scenarios/two-node-50km.yaml", "--runs", "8");
            config.AddCommand<VersionCommand>("version").WithDescription("Print the QNet version.");
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check a scenario file and report every problem with its line and field.");
        });
        return app;
    }
}
