using System.ComponentModel;
using QNet.Agent.Client;
using QNet.Agent.Emulation;
using QNet.Agent.Telemetry;
using QNet.Agent.Telemetry.Vendor;
using QNet.ControlPlane.Etsi;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet agent --node NAME --control-plane URL</c>: runs a node's agent with its device emulator until Ctrl+C /
/// SIGTERM (docs/agents.md). Exit 2 when the control plane refuses it for good (certificate, protocol version).
/// </summary>
internal sealed class AgentCommand : AsyncCommand<AgentCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--node <NAME>")]
        [Description("The node this agent speaks for; its certificate must name it.")]
        public string? Node { get; init; }

        [CommandOption("--control-plane <URL>")]
        [Description("The control plane's agent endpoint, e.g. https://127.0.0.1:8444 (`qnet up --agent-port 8444`).")]
        public string? ControlPlane { get; init; }

        [CommandOption("--data <DIR>")]
        [Description("Data directory whose development PKI gives the defaults of --cert, --key and --ca. Default ./qnet-data.")]
        public string Data { get; init; } = "qnet-data";

        [CommandOption("--cert <FILE>")]
        [Description("The node's client certificate (PEM). Default DIR/pki/nodes/NAME.crt (`qnet pki issue-node NAME`).")]
        public string? Cert { get; init; }

        [CommandOption("--key <FILE>")]
        [Description("Its private key (PEM). Default DIR/pki/nodes/NAME.key.")]
        public string? Key { get; init; }

        [CommandOption("--ca <FILE>")]
        [Description("CA certificate that issued the control plane's server certificate (PEM). Default DIR/pki/ca.crt.")]
        public string? Ca { get; init; }

        [OptionRange(0, 3600, MinExclusive = true)]
        [CommandOption("--interval <SECONDS>")]
        [Description("Seconds between two telemetry reads of the devices. Default 1.")]
        public double Interval { get; init; } = 1;

        [OptionRange(1, 1_000_000)]
        [CommandOption("--buffer <BATCHES>")]
        [Description("Telemetry batches kept while the control plane is away; older ones are dropped and counted. Default 600.")]
        public int Buffer { get; init; } = 600;

        [OptionRange(0, long.MaxValue)]
        [CommandOption("--seed <N>")]
        [Description("Seed of the device emulator's random streams. Default 1.")]
        public long Seed { get; init; } = 1;

        [OptionRange(0, double.MaxValue, MinExclusive = true)]
        [CommandOption("--memory-t2 <SECONDS>")]
        [Description("The emulated memory's true coherence time T2, s. Default: the node's nominal T2 the control plane sends.")]
        public double? MemoryT2 { get; init; }

        [CommandOption("--vendor-mapping <FILE>")]
        [Description("Make the emulated devices speak a vendor's telemetry format, read back through this mapping file (docs/vendor-telemetry.md), e.g. deploy/agents/vendors/qubitworks/mapping.yaml.")]
        public string? VendorMapping { get; init; }

        [CommandOption("--vendor-feed <URL|FILE>")]
        [Description("Read a real device controller's telemetry in its vendor's format instead of the emulator's: an http(s) URL read once per interval (e.g. its Prometheus-text /metrics) or a file it appends JSON lines to. Needs --vendor-mapping for that vendor (docs/vendor-telemetry.md).")]
        public string? VendorFeed { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Node))
            {
                return ValidationResult.Error("--node is required");
            }
            if (string.IsNullOrWhiteSpace(ControlPlane))
            {
                return ValidationResult.Error("--control-plane is required (the https URL of `qnet up --agent-port`)");
            }
            if (!Uri.TryCreate(ControlPlane, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                return ValidationResult.Error($"--control-plane must be an absolute https URL, not '{ControlPlane}'");
            }
            if (VendorFeed is { } feed)
            {
                if (VendorMapping is null)
                {
                    return ValidationResult.Error("--vendor-feed needs --vendor-mapping: the mapping file of the vendor format the feed speaks");
                }
                if (VendorFeedLocation.Problem(feed) is { } problem)
                {
                    return ValidationResult.Error(problem);
                }
            }
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        VendorMapping? mapping = null;
        if (settings.VendorMapping is { } mappingFile)
        {
            try
            {
                mapping = VendorMappingLoader.Load(mappingFile);
            }
            catch (VendorMappingException e)
            {
                foreach (var error in e.Errors)
                {
                    Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(error.ToString())}");
                }
                return ExitCodes.InvalidInput;
            }
        }

        var pki = new KmsDataLayout(settings.Data).PkiDirectory;
        string node = settings.Node!;
        var options = new AgentOptions(node, new Uri(settings.ControlPlane!),
            settings.Cert ?? Path.Combine(pki, "nodes", node + ".crt"), settings.Key ?? Path.Combine(pki, "nodes", node + ".key"), settings.Ca ?? Path.Combine(pki, "ca.crt"))
        {
            TelemetryInterval = TimeSpan.FromSeconds(settings.Interval),
            BufferCapacity = settings.Buffer,
        };
        var emulator = new NodeEmulator(node, (ulong)settings.Seed,
            [new DetectorParameters("detector-0"), new DetectorParameters("detector-1")], settings.MemoryT2, TimeProvider.System.GetUtcNow());
        using var feedHttp = new HttpClient();
        ITelemetrySource source = emulator;
        if (mapping is not null && settings.VendorFeed is { } feed)
        {
            // A real controller's telemetry, each read bounded to one interval; the emulator still models the devices and takes the commands.
            source = new VendorFeedSource(VendorFeedLocation.Open(feed, feedHttp), emulator.Devices, mapping, new TelemetryNormalizer(mapping, node),
                TimeSpan.FromSeconds(settings.Interval), line => Console.WriteLine(line));
        }
        else if (mapping is not null)
        {
            source = new VendorSpeakingSource(emulator, mapping, new TelemetryNormalizer(mapping, node), line => Console.WriteLine(line));
        }
        using var runner = new AgentRunner(options, source, emulator, TimeProvider.System, line => Console.WriteLine(line))
        {
            NominalReceived = nominal =>
            {
                if (nominal.TryGetValue("memory.t2_seconds", out var t2))
                {
                    emulator.UseNominalCoherence(t2);
                }
            },
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        Console.WriteLine($"agent of node {node}: control plane {options.ControlPlane}, protocol {AgentProtocol.Text}, certificate {options.CertificatePath}");
        if (settings.VendorFeed is { } feedLocation)
        {
            Console.WriteLine($"telemetry: {mapping!.Vendor} feed {feedLocation}");
        }
        try
        {
            await runner.RunAsync(stop.Token);
        }
        catch (AgentSetupException e)
        {
            Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        Console.WriteLine($"stopping: {runner.Buffer.Count} batches unsent, {runner.Buffer.Dropped} dropped");
        return 0;
    }
}
