using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QNet.ControlPlane.Pki;
using QNet.Kms;
using QNet.Kms.Crypto;
using QNet.Kms.Storage;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Etsi;

/// <summary>
/// Hosts the ETSI key delivery API alone over mutual TLS (what <c>qnet kms serve</c> runs until <c>qnet up</c> hosts
/// it): creates the development PKI when absent, opens the store, and runs the expiry sweep and, if configured, the
/// development key supplier.
/// </summary>
public static class EtsiKmsHost
{
    /// <summary>Builds and starts the host; dispose the handle to stop it.</summary>
    public static async Task<EtsiKmsHostHandle> StartAsync(EtsiKmsHostOptions options, TimeProvider time, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var layout = new KmsDataLayout(options.DataDirectory);
        var pki = new DevPki(layout.PkiDirectory, time);
        if (pki.Initialize()) log?.Invoke($"created development PKI in {pki.Directory}");
        var masterKey = MasterKey.Resolve(options.MasterKeyFile, options.DataDirectory, createIfMissing: true);
        log?.Invoke($"master key from {masterKey.Source}");
        var location = layout.StoreLocation(options.Store);
        var store = await KmsStoreFactory.OpenAsync(location, masterKey, cancellationToken).ConfigureAwait(false);
        log?.Invoke($"store: {(KmsStoreFactory.IsPostgres(location) ? "PostgreSQL" : "SQLite " + Path.GetFullPath(location))}");
        var kms = new KeyManager(store, options.Kms, time);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(kms);
        builder.Services.AddSingleton(time);
        builder.Services.AddHostedService(_ => new KmsBackgroundService(kms, options, time));
        var serverCertificate = pki.LoadServerCertificate();
        var ca = pki.LoadCaCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenEtsiMutualTls(options.Address, options.Port, serverCertificate, ca);
        });
        var app = builder.Build();
        app.MapEtsiKeyDeliveryApi();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            kms.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        log?.Invoke($"ETSI GS QKD 014 API on https://{options.Address}:{port}/api/v1/keys (mutual TLS, CA {pki.CaCertificatePath})");
        return new EtsiKmsHostHandle(app, kms, store, port, pki);
    }
}

/// <summary>A running <see cref="EtsiKmsHost"/>.</summary>
public sealed class EtsiKmsHostHandle : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IKmsStore store;

    internal EtsiKmsHostHandle(WebApplication app, KeyManager kms, IKmsStore store, int port, DevPki pki)
    {
        this.app = app;
        this.store = store;
        Kms = kms;
        Port = port;
        Pki = pki;
    }

    /// <summary>The KMS behind the API.</summary>
    public KeyManager Kms { get; }

    /// <summary>The bound HTTPS port.</summary>
    public int Port { get; }

    /// <summary>The PKI the host trusts.</summary>
    public DevPki Pki { get; }

    /// <summary>Completes when the host is stopped (e.g. by Ctrl+C / SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Kms.Dispose();
        await store.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>Runs the development supplier (when configured) and the periodic key-expiry sweep.</summary>
internal sealed class KmsBackgroundService(KeyManager kms, EtsiKmsHostOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task> { SweepAsync(stoppingToken) };
        if (options.DevSupply is { } supplyOptions)
        {
            IReadOnlyList<(string, string)> pairs = [];
            var supply = new DevKeySupply(() => pairs, supplyOptions, time);
            tasks.Add(Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(supplyOptions.Period, time);
                do
                {
                    pairs = await kms.KmePairsAsync(stoppingToken).ConfigureAwait(false);
                    await supply.SupplyOnceAsync(kms, stoppingToken).ConfigureAwait(false);
                }
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
            }, stoppingToken));
        }
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ExpirySweep, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            await kms.ExpireAsync(stoppingToken).ConfigureAwait(false);
    }
}
