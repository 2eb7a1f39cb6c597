using QNet.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli;

/// <summary>Builds the <c>qnet</c> command tree; each verb is one command class in <c>Commands/</c>.</summary>
internal static class QNetApp
{
    /// <summary>Builds the application and runs it on <paramref name="args"/>.</summary>
    public static int Run(string[] args) => Create(args).Run(args);

    /// <summary>Builds the application; <paramref name="args"/>, when given, lets errors about option values name the option.</summary>
    public static CommandApp Create(IReadOnlyList<string>? args = null)
    {
        Output.ConsoleWidth.ApplyToProcess();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("qnet");
            // An option the verb does not know is a mistake (a typo such as --port for --api-port), not something to ignore.
            config.UseStrictParsing();
            // Usage mistakes and unexpected failures print one clear line on standard error, never a stack trace.
            config.SetExceptionHandler((exception, _) =>
            {
                string message = OptionChecks.ConversionError(exception, args) ?? exception.Message;
                Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
                return exception is CommandAppException or OptionValueException ? ExitCodes.InvalidInput : 70;
            });
            // Numeric options are checked against the range declared beside them ([OptionRange]) before any verb runs.
            config.SetInterceptor(new OptionRangeInterceptor());
            config.AddCommand<SimulateCommand>("simulate").WithDescription("Simulate a scenario file and report rates, fidelities and heralding latency.")
                .WithExample("simulate", "scenarios/two-node-50km.yaml", "--runs", "8");
            config.AddCommand<VersionCommand>("version").WithDescription("Print the QNet version.");
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check a scenario file and report every problem with its line and field.");
            config.AddBranch("pki", pki =>
            {
                pki.SetDescription("Development PKI for the ETSI key delivery API.");
                pki.AddCommand<PkiInitCommand>("init").WithDescription("Create the development CA and KME server certificate.");
                pki.AddCommand<PkiIssueSaeCommand>("issue-sae").WithDescription("Issue an SAE client certificate and register the SAE to a node's KME.");
                pki.AddCommand<PkiIssueNodeCommand>("issue-node").WithDescription("Issue the client certificate of a node's agent (qnet agent).");
            });
            config.AddBranch("kms", kms =>
            {
                kms.SetDescription("Key management (ETSI GS QKD 014).");
                kms.AddCommand<KmsServeCommand>("serve").WithDescription("Host the ETSI key delivery API alone over mutual TLS.");
                kms.AddCommand<KmsPolicyCommand>("policy").WithDescription("Set an SAE pair's key policy: qkd-only, hybrid or pqc-fallback.");
            });
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("KMS audit trail.");
                audit.AddCommand<AuditVerifyCommand>("verify").WithDescription("Verify the hash-chained audit trail.");
            });
            config.AddBranch("slo", slo =>
            {
                slo.SetDescription("Service level objectives: validate OpenSLO specs, generate rules, alerts and dashboards.");
                slo.AddCommand<SloValidateCommand>("validate").WithDescription("Check OpenSLO spec files; list every problem with line and field.");
                slo.AddCommand<SloGenerateCommand>("generate").WithDescription("Write Prometheus rules and tests, Alertmanager config and Grafana dashboards.");
            });
            config.AddCommand<TopologyCommand>("topology").WithDescription("Write a generated scenario: chain, star, grid or ring of repeaters.")
                .WithExample("topology", "chain", "--nodes", "9", "--span", "25km", "--session", "--out", "chain.yaml");
            config.AddBranch("sweep", sweep =>
            {
                sweep.SetDescription("Run a scenario over a grid of parameter values; CSV, JSON and PNG plots (--shard I/N or --emit-job N for a cluster).");
                sweep.SetDefaultCommand<SweepCommand>();
                sweep.AddCommand<Commands.Sweeps.SweepMergeCommand>("merge").WithDescription("Merge the shard files of `sweep --shard I/N` into the single-machine results.")
                    .WithExample("sweep", "merge", "shard-0", "shard-1", "--out", "sweep");
            });
            config.AddCommand<PlanCommand>("plan").WithDescription("Compare repeater-chain designs on usable pairs per second and cost per usable pair.")
                .WithExample("plan", "--distance", "400km", "--target-fidelity", "0.9", "--out", "plan");
            config.AddCommand<UpCommand>("up").WithDescription("Run the quantum network twin with its control plane, ETSI key delivery, /metrics and dashboard.");
            config.AddBranch("faults", faults =>
            {
                faults.SetDescription("Faults of a running `qnet up` (F1-F8): inject, list, clear.");
                faults.AddCommand<Commands.Faults.FaultsInjectCommand>("inject").WithDescription("Inject a fault: KIND TARGET [[MAGNITUDE]] [[--duration S]].")
                    .WithExample("faults", "inject", "link-cut", "alice-r1", "--duration", "120", "--token", "TOKEN");
                faults.AddCommand<Commands.Faults.FaultsListCommand>("list").WithDescription("List every fault, active and cleared.");
                faults.AddCommand<Commands.Faults.FaultsClearCommand>("clear").WithDescription("Clear an active fault; sessions it failed are re-admitted.");
            });
            config.AddBranch("incident", incident =>
            {
                incident.SetDescription("Incidents of a running `qnet up`: list, show, ack, resolve, report (postmortem draft).");
                incident.AddCommand<Commands.Incidents.IncidentListCommand>("list").WithDescription("List incidents, newest first; --state filters.");
                incident.AddCommand<Commands.Incidents.IncidentShowCommand>("show").WithDescription("Show an incident with its alerts and timeline.");
                incident.AddCommand<Commands.Incidents.IncidentAckCommand>("ack").WithDescription("Acknowledge an incident (operator token).");
                incident.AddCommand<Commands.Incidents.IncidentResolveCommand>("resolve").WithDescription("Resolve an incident by hand (operator token).");
                incident.AddCommand<Commands.Incidents.IncidentReportCommand>("report").WithDescription("Write the incident's postmortem draft in Markdown.")
                    .WithExample("incident", "report", "inc-0123456789ab", "--out", "postmortem.md", "--token", "TOKEN");
            });
            config.AddBranch("config", change =>
            {
                change.SetDescription("Safe configuration changes of a running `qnet up`: canary first, promoted or rolled back by its SLIs.");
                change.AddCommand<Commands.Config.ConfigChangeCommand>("change").WithDescription("Change a link field (or a QKD link's post-processing version) through a canary: FIELD VALUE [[--link L]].")
                    .WithExample("config", "change", "bright-state-population", "0.012", "--link", "alice-r1", "--token", "TOKEN");
                change.AddCommand<Commands.Config.ConfigListCommand>("list").WithDescription("List every configuration change, newest first.");
                change.AddCommand<Commands.Config.ConfigShowCommand>("show").WithDescription("Show one change with its steps and reasons.");
                change.AddCommand<Commands.Config.ConfigAbortCommand>("abort").WithDescription("Abort a running change; the canary is set back.");
            });
            config.AddBranch("token", token =>
            {
                token.SetDescription("Bearer tokens of the control-plane API.");
                token.AddCommand<TokenCreateCommand>("create").WithDescription("Create a token with a role (viewer reads, operator changes); printed once.");
            });
            config.AddCommand<QkdCommand>("qkd").WithDescription("QKD key rate against distance: decoy-state BB84 or BBM92, simulated with post-processing, beside theory and the PLOB bound.");
            config.AddCommand<GameDayCommand>("gameday").WithDescription("Run a game-day experiment offline on a seeded twin (sessions in parallel on $QNET_TWIN_THREADS threads, default one per core, 0 for one simulator), or live with --target; journal and report; exit 0 held, 1 deviated, 2 bad file.")
                .WithExample("gameday", "gamedays/link-loss-spike.yaml", "--out", "gameday-out");
            config.AddCommand<AgentCommand>("agent").WithDescription("Run a node's agent: its device emulator, telemetry and commands over gRPC with mutual TLS.")
                .WithExample("agent", "--node", "alice", "--control-plane", "https://127.0.0.1:8444");
        });
        return app;
    }
}
