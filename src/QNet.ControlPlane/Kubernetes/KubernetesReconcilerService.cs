using System.Threading.Channels;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// <c>qnet up --kubernetes</c>: reconciles the namespace's QuantumSession and QuantumLink objects while this replica leads.
/// A pass runs on every watch event and at least every <see cref="KubernetesOptions.Resync"/> (statuses carry live
/// counters); a failed pass is logged and retried on the next one. Nothing is kept between passes, so losing leadership,
/// a restart or a failover loses nothing.
/// </summary>
internal sealed class KubernetesReconcilerService(KubernetesOptions options, IKubernetesResources resources, INetworkPort network, IReconcilerLeadership leadership,
    TimeProvider time, ILogger<KubernetesReconcilerService> logger) : BackgroundService
{
    // Watch events wake the loop; one pending wake-up is enough (a pass reads everything).
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The I/O edge for <paramref name="options"/>: the explicit URL, the kubeconfig, or the in-cluster configuration.</summary>
    public static IKubernetesResources Connect(KubernetesOptions options)
    {
        var config = options.ApiUrl is { } url ? new KubernetesClientConfiguration { Host = url.ToString() }
            : options.Kubeconfig is { } file ? KubernetesClientConfiguration.BuildConfigFromConfigFile(file)
            : KubernetesClientConfiguration.InClusterConfig();
        return new KubernetesResources(new k8s.Kubernetes(config), options.Namespace);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = new ReconcileLoop(resources, network);
        var watches = Enum.GetValues<QuantumKind>().Select(k => WatchAsync(k, stoppingToken)).ToArray();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (leadership.IsLeader)
            {
                try
                {
                    var pass = await loop.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    if ((pass.Changes > 0 || pass.Conflicts > 0) && logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("kubernetes: {Changes} change(s) to the network, {Written} status(es) written, {Conflicts} conflict(s) re-read",
                            pass.Changes, pass.StatusesWritten, pass.Conflicts);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("kubernetes: reconcile pass failed ({Error}); retrying within {Resync}", e.Message, options.Resync);
                }
            }
            using var resync = new CancellationTokenSource(options.Resync, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, resync.Token);
            try
            {
                await _wake.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // resync interval: pass again
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(watches).ConfigureAwait(false);
    }

    // Keeps a watch open on one kind; every event wakes the loop. A watch the server ends or that fails is reopened after
    // the resync interval (the periodic pass covers the gap).
    private async Task WatchAsync(QuantumKind kind, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in resources.WatchAsync(kind, stoppingToken).ConfigureAwait(false))
                {
                    _wake.Writer.TryWrite(true);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug("kubernetes: watch on {Kind} ended ({Error})", QuantumKinds.Plural(kind), e.Message);
                }
            }
            try
            {
                await Task.Delay(options.Resync, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
