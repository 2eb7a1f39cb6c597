using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using QNet.ControlPlane.Pki;
using QNet.Kms;
using QNet.Kms.Storage;

namespace QNet.ControlPlane.Etsi;

/// <summary>A running <see cref="EtsiKmsHost"/>.</summary>
public sealed class EtsiKmsHostHandle : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IKmsStore _store;

    internal EtsiKmsHostHandle(WebApplication app, KeyManager kms, IKmsStore store, int port, DevPki pki, int? metricsPort = null)
    {
        _app = app;
        _store = store;
        Kms = kms;
        Port = port;
        Pki = pki;
        MetricsPort = metricsPort;
    }

    /// <summary>The KMS behind the API.</summary>
    public KeyManager Kms { get; }

    /// <summary>The bound HTTPS port.</summary>
    public int Port { get; }

    /// <summary>The bound plain-HTTP port of <c>/metrics</c>, or null when the host serves no metrics.</summary>
    public int? MetricsPort { get; }

    /// <summary>The PKI the host trusts.</summary>
    public DevPki Pki { get; }

    /// <summary>Completes when the host is stopped (e.g. by Ctrl+C / SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Kms.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
    }
}
