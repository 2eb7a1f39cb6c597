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
            config.AddCommand<VersionCommand>("version").WithDescription("Print the QNet version.");
            config.AddCommand<QkdCommand>("qkd").WithDescription("QKD key rate against distance: decoy-state BB84 or BBM92, simulated with post-processing, beside theory and the PLOB bound.");
        });
        return app;
    }
}
