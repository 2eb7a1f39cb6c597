using System.ComponentModel;
using QNet.Sre.Alerting;
using QNet.Sre.Generation;
using QNet.Sre.Rules;
using QNet.Sre.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet slo generate SPEC... --out DIR</c>: writes Prometheus rules (and their promtool unit tests),
/// the Alertmanager configuration and Grafana dashboards with file provisioning.
/// </summary>
internal sealed class SloGenerateCommand : Command<SloGenerateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("OpenSLO spec files or folders of them.")]
        public string[] Specs { get; init; } = [];

        [CommandOption("--out <DIR>")]
        [Description("Output folder (created if missing).")]
        public string Out { get; init; } = "qnet-slo-out";

        [CommandOption("--runbook-url-base|--runbook-base <URL>")]
        [Description("Prefix of runbook links, ending in '/'; the alert name and .md are appended. Default docs/runbooks/ (relative to the repository root).")]
        public string RunbookBase { get; init; } = RuleOptions.Default.RunbookBaseUrl;

        [CommandOption("--page-webhook <URL>")]
        [Description("Webhook receiving page notifications. Default: `qnet up`'s own /api/alert-webhooks/page, which stores every alert (list: GET /api/v1/alert-notifications). Alertmanager authenticates to QNet's webhooks with an operator token read from qnet-webhook.token beside alertmanager.yaml: `qnet token create --role operator --name alertmanager > OUT/alertmanager/qnet-webhook.token`. Other URLs get no QNet token.")]
        public string PageWebhook { get; init; } = AlertingOptions.Default.PageWebhookUrl;

        [CommandOption("--ticket-webhook <URL>")]
        [Description("Webhook receiving ticket notifications. Default: `qnet up`'s own /api/alert-webhooks/ticket (see --page-webhook for its token).")]
        public string TicketWebhook { get; init; } = AlertingOptions.Default.TicketWebhookUrl;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Checked here rather than in Settings.Validate: the app propagates exceptions, and a bad option is an expected failure.
        if (string.IsNullOrWhiteSpace(settings.RunbookBase) || !settings.RunbookBase.EndsWith('/'))
        {
            AnsiConsole.MarkupLine("[red]error[/] --runbook-url-base: must not be empty and must end in '/'");
            return 1;
        }

        foreach (var (url, name) in new[] { (settings.PageWebhook, "--page-webhook"), (settings.TicketWebhook, "--ticket-webhook") })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error[/] {name}: '{url}' is not an absolute http(s) URL");
                return 1;
            }
        }

        var result = SpecParser.ParseFiles(SloSpecFiles.Expand(settings.Specs));
        if (!result.IsValid)
        {
            foreach (var e in result.Errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error[/] {e}");
            }

            return 1;
        }

        var written = SloGenerator.Generate(
            result.Specs!,
            settings.Out,
            new RuleOptions(settings.RunbookBase, RuleOptions.Default.EvaluationInterval),
            new AlertingOptions(settings.PageWebhook, settings.TicketWebhook));
        foreach (var f in written)
        {
            AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(settings.Out, f)}");
        }

        var o = settings.Out;
        AnsiConsole.MarkupLineInterpolated($"check with: promtool check rules {o}/{SloGenerator.RulesFolder}/*.yaml; promtool test rules {o}/{SloGenerator.TestsFolder}/*.yaml; amtool check-config {o}/{SloGenerator.AlertmanagerFile}");
        return 0;
    }
}
