using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QNet.ControlPlane.Pki;
using QNet.Kms;
using QNet.Kms.Storage;

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
        // The key and the store are checked before anything is written: a missing or foreign master key on an
        // existing store stops the start here (MasterKeyException), with no PKI, key file or store row created.
        var location = layout.StoreLocation(options.Store);
        var masterKey = await KmsStoreFactory.ResolveMasterKeyAsync(location, options.DataDirectory, options.MasterKeyFile, cancellationToken: cancellationToken).ConfigureAwait(false);
        log?.Invoke($"master key {masterKey.Id} from {masterKey.Source}");
        var store = await KmsStoreFactory.OpenAsync(location, masterKey, cancellationToken).ConfigureAwait(false);
        log?.Invoke($"store: {(KmsStoreFactory.IsPostgres(location) ? "PostgreSQL" : "SQLite " + Path.GetFullPath(location))}");
        var pki = new DevPki(layout.PkiDirectory, time);
        try
        {
            if (pki.Initialize())
            {
                log?.Invoke($"created development PKI in {pki.Directory}");
            }
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var kms = new KeyManager(store, options.Kms, time);

        // No configuration reload: its file watcher covers the working directory, which usually holds the data
        // folder, and would wake on every store write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(kms);
        builder.Services.AddSingleton(time);
        var revocations = pki.Revocations;
        builder.Services.AddSingleton(revocations);
        builder.Services.AddHostedService(_ => new KmsBackgroundService(kms, options, time));
        var serverCertificate = pki.LoadServerCertificate();
        var ca = pki.LoadCaCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenEtsiMutualTls(options.Address, options.Port, serverCertificate, ca, revocations);
        });
        if (options.MetricsPort is { } metricsPort)
        {
            builder.AddKmsMetrics(kms, options.Address, metricsPort);
        }

        var app = builder.Build();
        if (options.MetricsPort is not null)
        {
            app.UseKmsMetrics();
        }

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
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        var port = addresses.First(a => a.Scheme == Uri.UriSchemeHttps).Port;
        int? boundMetricsPort = options.MetricsPort is null ? null : addresses.First(a => a.Scheme == Uri.UriSchemeHttp).Port;
        log?.Invoke($"ETSI GS QKD 014 API on https://{options.Address}:{port}/api/v1/keys (mutual TLS, CA {pki.CaCertificatePath})");
        if (boundMetricsPort is not null)
        {
            log?.Invoke($"KMS metrics on http://{options.Address}:{boundMetricsPort}/metrics");
        }

        return new EtsiKmsHostHandle(app, kms, store, port, pki, boundMetricsPort);
    }
}
