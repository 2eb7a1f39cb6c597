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
            config.AddBranch("slo", slo =>
            {
                slo.SetDescription("Service level objectives: validate OpenSLO specs, generate rules, alerts and dashboards.");
                slo.AddCommand<SloValidateCommand>("validate").WithDescription("Check OpenSLO spec files; list every problem with line and field.");
                slo.AddCommand<SloGenerateCommand>("generate").WithDescription("Write Prometheus rules and tests, Alertmanager config and Grafana dashboards.");
            });
        });
        return app;
    }
}
