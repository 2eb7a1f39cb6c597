using System.ComponentModel;
using System.Globalization;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Kubernetes;
using QNet.Network.Scenarios;
using QNet.Sre.Alerting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet up</c>: runs the twin with its control plane, ETSI key delivery, metrics and dashboard until Ctrl+C / SIGTERM.</summary>
internal sealed class UpCommand : AsyncCommand<UpCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("Data folder (SQLite stores, development PKI). Default ./qnet-data.")]
        public string Data { get; init; } = "qnet-data";

        [CommandOption("--scenario <FILE>")]
        [Description("Scenario file of the network to run. Default: the built-in metro network.")]
        public string? Scenario { get; init; }

        [OptionRange(0, 65535)]
        [CommandOption("--api-port <N>")]
        [Description("HTTP port on 127.0.0.1 of the API, /metrics and the dashboard (0 = any free port). Default 8080.")]
        public int ApiPort { get; init; } = 8080;

        [OptionRange(0, 65535)]
        [CommandOption("--etsi-port <N>")]
        [Description("HTTPS port on 127.0.0.1 of ETSI GS QKD 014 key delivery, mutual TLS (0 = any free port). Default 8443.")]
        public int EtsiPort { get; init; } = 8443;

        [OptionRange(0, 65535)]
        [CommandOption("--agent-port <N>")]
        [Description("HTTPS port on 127.0.0.1 of the node-agent endpoint (gRPC, mutual TLS with `qnet pki issue-node` certificates; 0 = any free port). Off unless given.")]
        public int? AgentPort { get; init; }

        [CommandOption("--postgres <CONNECTION_STRING>")]
        [Description("Store everything in PostgreSQL (Host=...;Username=...;Database=...) instead of SQLite files in the data folder.")]
        public string? Postgres { get; init; }

        [OptionRange(0, 10_000, MinExclusive = true)]
        [CommandOption("--time-factor <X>")]
        [Description("Simulated seconds per wall-clock second (1 = real time; faster for drills). Default 1.")]
        public double TimeFactor { get; init; } = 1;

        [CommandOption("--page-webhook <URL>")]
        [Description("POST page alerts (and their resolution) here in Alertmanager's webhook format. Needs --ticket-webhook too.")]
        public string? PageWebhook { get; init; }

        [CommandOption("--ticket-webhook <URL>")]
        [Description("POST ticket alerts (and their resolution) here in Alertmanager's webhook format. Needs --page-webhook too.")]
        public string? TicketWebhook { get; init; }

        [CommandOption("--otlp-endpoint <URL>")]
        [Description("Export the traces (one per session, and the API requests) over OTLP/HTTP protobuf to this collector, e.g. http://127.0.0.1:4318 (spans go to /v1/traces). None exported when absent.")]
        public string? OtlpEndpoint { get; init; }

        [CommandOption("--listen <ADDRESS>")]
        [Description("Address the API and ETSI ports listen on (default 127.0.0.1; 0.0.0.0 in a container).")]
        public string? Listen { get; init; }

        [CommandOption("--kubernetes")]
        [Description("Reconcile the QuantumSession and QuantumLink objects of the pod's namespace (in-cluster configuration; docs/kubernetes.md).")]
        public bool Kubernetes { get; init; }

        [CommandOption("--kubernetes-api <URL>")]
        [Description("With --kubernetes: this API server URL (no credentials, e.g. `kubectl proxy`) instead of the in-cluster configuration.")]
        public string? KubernetesApi { get; init; }

        [CommandOption("--kubeconfig <FILE>")]
        [Description("With --kubernetes: this kubeconfig's current context instead of the in-cluster configuration.")]
        public string? Kubeconfig { get; init; }

        [CommandOption("--kubernetes-namespace <NAME>")]
        [Description("With --kubernetes: the namespace to reconcile (default: the pod's own, else qnet).")]
        public string? KubernetesNamespace { get; init; }

        [CommandOption("--replica-id <ID>")]
        [Description("This replica's id among the replicas on one --postgres store (default: host name and process id).")]
        public string? ReplicaId { get; init; }

        [CommandOption("--advertise-url <URL>")]
        [Description("API URL the other replicas forward requests to while this one leads (default http://127.0.0.1:API-PORT/).")]
        public string? AdvertiseUrl { get; init; }

        public override ValidationResult Validate()
        {
            if (Listen is not null && !System.Net.IPAddress.TryParse(Listen, out _))
            {
                return ValidationResult.Error($"--listen must be an IP address (e.g. 0.0.0.0), not '{Listen}'");
            }

            if (!Kubernetes && (KubernetesApi ?? Kubeconfig ?? KubernetesNamespace) is not null)
            {
                return ValidationResult.Error("--kubernetes-api, --kubeconfig and --kubernetes-namespace need --kubernetes");
            }

            if (KubernetesApi is not null && Kubeconfig is not null)
            {
                return ValidationResult.Error("--kubernetes-api and --kubeconfig exclude each other: give one");
            }

            if (KubernetesApi is not null && !IsHttpUrl(KubernetesApi))
            {
                return ValidationResult.Error($"--kubernetes-api must be an absolute http(s) URL, not '{KubernetesApi}'");
            }

            if (KubernetesNamespace is not null && !(KubernetesNamespace.Length is > 0 and <= 63 && KubernetesNamespace.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                return ValidationResult.Error($"--kubernetes-namespace must be a DNS label (1 to 63 lower-case letters, digits and '-'), not '{KubernetesNamespace}'");
            }

            if (AdvertiseUrl is not null && !IsHttpUrl(AdvertiseUrl))
            {
                return ValidationResult.Error($"--advertise-url must be an absolute http(s) URL, not '{AdvertiseUrl}'");
            }

            if (ReplicaId is not null && (ReplicaId.Length is 0 or > 128 || ReplicaId.Any(char.IsWhiteSpace)))
            {
                return ValidationResult.Error($"--replica-id must be 1 to 128 characters without spaces, not '{ReplicaId}'");
            }

            if (OtlpEndpoint is not null && !IsHttpUrl(OtlpEndpoint))
            {
                return ValidationResult.Error($"--otlp-endpoint must be an absolute http(s) URL, not '{OtlpEndpoint}'");
            }

            if ((PageWebhook is null) != (TicketWebhook is null))
            {
                return ValidationResult.Error("--page-webhook and --ticket-webhook go together: give both (they may be the same URL)");
            }

            if (PageWebhook is not null && !IsHttpUrl(PageWebhook))
            {
                return ValidationResult.Error($"--page-webhook must be an absolute http(s) URL, not '{PageWebhook}'");
            }

            if (TicketWebhook is not null && !IsHttpUrl(TicketWebhook))
            {
                return ValidationResult.Error($"--ticket-webhook must be an absolute http(s) URL, not '{TicketWebhook}'");
            }

            return ValidationResult.Success();
        }

        private static bool IsHttpUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!TwinThreadsCheck.Passes())
        {
            return ExitCodes.InvalidInput;
        }
        Scenario? scenario = null;
        if (settings.Scenario is { } path)
        {
            var loaded = ScenarioLoader.LoadFile(path);
            if (!loaded.IsValid)
            {
                foreach (var e in loaded.Errors)
                {
                    Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.ToString())}");
                }
                return ExitCodes.InvalidInput;
            }
            scenario = loaded.Scenario;
            if (scenario!.Nodes.FirstOrDefault(n => n.Kind == NodeKind.Switch) is { } hub)
            {
                // The twin runs sessions over routed repeater paths (admission, memory reservation, swapping, purification);
                // a switch's buffers and service policy are a separate model (Switching/SwitchRun) that only `qnet simulate` runs.
                Output.Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {path}: node '{hub.Id}' is a switch; switches run in 'qnet simulate' only: the twin of 'qnet up' serves sessions over routed repeater paths, not a switch's buffers (docs/control-plane.md)");
                return ExitCodes.InvalidInput;
            }
        }
        var options = new ControlPlaneOptions(settings.Data, settings.ApiPort, settings.EtsiPort, settings.Postgres, settings.TimeFactor)
        {
            Scenario = scenario,
            Address = settings.Listen is { } listen ? System.Net.IPAddress.Parse(listen) : System.Net.IPAddress.Loopback,
            OtlpEndpoint = settings.OtlpEndpoint is { } otlp ? new Uri(otlp) : null,
            AgentPort = settings.AgentPort,
            ReplicaId = settings.ReplicaId,
            AdvertisedApiUrl = settings.AdvertiseUrl is { } advertised ? new Uri(advertised) : null,
            Alerting = settings.PageWebhook is { } page && settings.TicketWebhook is { } ticket
                ? new AlertingOptions(page, ticket, $"http://127.0.0.1:{settings.ApiPort}")
                : null,
            Kubernetes = settings.Kubernetes
                ? new KubernetesOptions(settings.KubernetesNamespace ?? KubernetesOptions.PodNamespace(), settings.KubernetesApi is { } k ? new Uri(k) : null, settings.Kubeconfig)
                : null,
        };
        if (settings.Kubeconfig is { } kubeconfig && !File.Exists(kubeconfig))
        {
            Output.Terminal.Error.MarkupLineInterpolated($"[red]error:[/] --kubeconfig: no file '{kubeconfig}'");
            return ExitCodes.CannotRead;
        }
        if (await RequiredData.StartHostAsync(() => ControlPlaneHost.StartAsync(options, TimeProvider.System, Console.WriteLine, cancellationToken)) is not { } host)
        {
            return ExitCodes.CannotRead;
        }

        await using var hostScope = host;
        var api = $"http://127.0.0.1:{host.ApiPort}";
        Console.WriteLine($"API:           {api}/api/v1  (OpenAPI {api}/openapi/v1.json)");
        Console.WriteLine($"ETSI keys:     https://127.0.0.1:{host.EtsiPort}/api/v1/keys  (mutual TLS; CA {host.Etsi.Pki.CaCertificatePath})");
        if (host.AgentPort is { } agentPort)
        {
            Console.WriteLine($"node agents:   https://127.0.0.1:{agentPort}  (gRPC, mutual TLS; node certificates from `qnet pki issue-node NAME --data {settings.Data}`)");
        }
        Console.WriteLine($"metrics:       {api}/metrics");
        Console.WriteLine($"dashboard:     {api}/dashboard");
        Console.WriteLine($"health:        {api}/health  (readiness {api}/ready; replica {host.Leadership.ReplicaId}, {QNet.ControlPlane.HighAvailability.ReplicaRoleNames.Of(host.Leadership.Role)})");
        if (options.Kubernetes is { } k8s)
        {
            Console.WriteLine($"kubernetes:    reconciling QuantumSession and QuantumLink objects in namespace {k8s.Namespace}");
        }
        if (options.OtlpTracesUrl is { } traces)
        {
            Console.WriteLine($"traces:        OTLP/HTTP to {traces}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time factor {settings.TimeFactor}; create a token with `qnet token create --role operator --data {settings.Data}`; Ctrl+C stops."));
        await host.WaitForShutdownAsync(cancellationToken);
        if (host.Deposed)
        {
            // Another replica leads now (or this one could not take over): stop without acting on the network again.
            Console.WriteLine("stopping: this replica lost the lease");
            return ExitCodes.LostLease;
        }
        Console.WriteLine("stopping");
        return 0;
    }
}
