using Microsoft.Extensions.Hosting;
using QNet.ControlPlane.Twin;
using QNet.Kms;
using QNet.Sre;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// Feeds the key store's figures into <see cref="SliHistory"/> every <see cref="SliHistory.Resolution"/> of wall time
/// (store reads are asynchronous, so not on the simulation thread): keys of the default size per pool
/// (<c>qnet_kms_stored_keys{pool}</c>) and keys issued per second (<c>qnet_kms_requests{outcome="keys_issued"}</c>),
/// stamped with the twin clock like the twin's series.
/// </summary>
internal sealed class ConsoleKmsSampler(SliHistory history, KeyManager kms, TwinClock clock, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SliHistory.Resolution, time);
        long? lastIssued = null;
        long lastMs = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var unixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var (pool, keys) in await kms.Store.AvailableKeysByPoolAsync(kms.Options.Limits.KeySize / 8, stoppingToken).ConfigureAwait(false))
                {
                    history.Record(MetricCatalogue.KmsStoredKeys, new Dictionary<string, string> { ["pool"] = pool }, unixMs, keys);
                }
                var accounting = await kms.Store.AccountAsync(stoppingToken).ConfigureAwait(false);
                if (lastIssued is { } before && unixMs > lastMs)
                {
                    history.Record(MetricCatalogue.KmsRequests, new Dictionary<string, string> { ["outcome"] = "keys_issued" }, unixMs,
                        (accounting.KeysIssued - before) * 1000.0 / (unixMs - lastMs));
                }
                history.Record(MetricCatalogue.KmsKeyMismatches, new Dictionary<string, string>(), unixMs, accounting.InconsistentBlocks);
                lastIssued = accounting.KeysIssued;
                lastMs = unixMs;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
