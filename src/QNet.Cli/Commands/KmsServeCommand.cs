using System.ComponentModel;
using System.Runtime.InteropServices;
using QNet.ControlPlane.Etsi;
using QNet.Kms;
using QNet.Kms.Domain;
using QNet.Kms.Supply;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet kms serve</c>: hosts the ETSI GS QKD 014 API alone over mutual TLS, fed by the development key supplier.</summary>
internal sealed class KmsServeCommand : AsyncCommand<KmsServeCommand.Settings>
{
    internal sealed class Settings : KmsDataSettings
    {
        [OptionRange(0, 65535)]
        [CommandOption("--etsi-port <PORT>")]
        [Description("HTTPS port of the ETSI API on 127.0.0.1 (0 = any free port). Default 8443.")]
        public int EtsiPort { get; init; } = 8443;

        [OptionRange(0, 65535)]
        [CommandOption("--metrics-port <PORT>")]
        [Description("Plain-HTTP port on 127.0.0.1 serving the KMS metrics at /metrics for Prometheus (0 = any free port). Off by default.")]
        public int? MetricsPort { get; init; }

        [OptionRange(0, 1e12)]
        [CommandOption("--dev-supply-rate <BITS_PER_SECOND>")]
        [Description("Development key supplier rate per KME pair, in bit/s (CSPRNG blocks, NOT quantum keys). 0 disables it. Default 3276800.")]
        public long DevSupplyRate { get; init; } = 3_276_800;

        [OptionRange(1, 31_536_000)]
        [CommandOption("--key-ttl <SECONDS>")]
        [Description("Seconds an issued key waits for its slaves before it expires. Default 3600.")]
        public int KeyTtlSeconds { get; init; } = 3600;

        [CommandOption("--default-policy <POLICY>")]
        [Description("Policy of SAE pairs without one: qkd-only | hybrid | pqc-fallback. Default qkd-only.")]
        public string DefaultPolicy { get; init; } = "qkd-only";

        public override ValidationResult Validate()
        {
            if (EtsiPort is < 0 or > 65535)
            {
                return ValidationResult.Error("--etsi-port must be 0..65535");
            }

            if (MetricsPort is < 0 or > 65535)
            {
                return ValidationResult.Error("--metrics-port must be 0..65535");
            }

            if (DevSupplyRate < 0)
            {
                return ValidationResult.Error("--dev-supply-rate must not be negative");
            }

            if (KeyTtlSeconds <= 0)
            {
                return ValidationResult.Error("--key-ttl must be positive");
            }

            return KeyPolicyNames.TryParse(DefaultPolicy, out _) ? ValidationResult.Success() : ValidationResult.Error("--default-policy must be qkd-only, hybrid or pqc-fallback");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!KeyPolicyNames.TryParse(settings.DefaultPolicy, out var policy))
        {
            return 2;
        }

        const int blockBytes = 8192;
        var supply = settings.DevSupplyRate == 0 ? null
            : new DevKeySupplyOptions(blockBytes, TimeSpan.FromSeconds(blockBytes * 8.0 / settings.DevSupplyRate));
        var options = new EtsiKmsHostOptions(settings.Data, settings.EtsiPort, store: settings.Store, masterKeyFile: settings.MasterKey, devSupply: supply,
            kms: new KmsOptions(keyTimeToLive: TimeSpan.FromSeconds(settings.KeyTtlSeconds), defaultPolicy: policy))
        {
            MetricsPort = settings.MetricsPort,
        };
        if (await RequiredData.StartHostAsync(() => EtsiKmsHost.StartAsync(options, TimeProvider.System, Console.WriteLine, cancellationToken)) is not { } host)
        {
            return ExitCodes.CannotRead;
        }

        await using var hostScope = host;
        if (supply is not null)
        {
            Console.WriteLine($"DEVELOPMENT key supplier: {supply.BitsPerSecond:F0} bit/s of CSPRNG key per KME pair (not quantum keys)");
        }

        Console.WriteLine($"listening on https://127.0.0.1:{host.Port}");
        // SIGTERM/SIGINT stop the host gracefully (pending writes commit); SIGKILL is safe too, just abrupt.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        try
        {
            await host.WaitForShutdownAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        Console.WriteLine("stopped");
        return 0;
    }
}
