using Microsoft.Extensions.Hosting;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Twin;
using QNet.Kms;
using QNet.Sre;

namespace QNet.ControlPlane.OperatorConsole;

/// <summary>
/// Feeds the key store's figures into <see cref="SliHistory"/> once per <see cref="SliHistory.Resolution"/> of twin time,
/// like <see cref="SliSampler"/> (store reads are asynchronous, so not on the simulation thread): keys of the default size
/// per pool (<c>qnet_kms_stored_keys{pool}</c>), keys issued per twin second (<c>qnet_kms_requests{outcome="keys_issued"}</c>)
/// and inconsistent blocks, stamped with the twin clock like the twin's series. It watches the twin clock in wall time
/// (every <see cref="SliHistory.Resolution"/> divided by the time factor, at least <see cref="MinPoll"/>) and samples at
/// the first look into each slot of twin time.
/// </summary>
internal sealed class ConsoleKmsSampler(SliHistory history, KeyManager kms, TwinClock clock, ControlPlaneOptions options, TimeProvider time) : BackgroundService
{
    /// <summary>The shortest wall time between two looks at the twin clock: at high time factors, store reads stay rare.</summary>
    public static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromTicks(Math.Max(MinPoll.Ticks, (long)(SliHistory.Resolution.Ticks / options.TimeFactor)));
        using var timer = new PeriodicTimer(poll, time);
        long step = (long)SliHistory.Resolution.TotalMilliseconds;
        long nextSample = long.MinValue;
        long? lastIssued = null;
        long lastMs = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var unixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
                if (unixMs < nextSample)
                {
                    continue;
                }
                nextSample = unixMs - unixMs % step + step;
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
