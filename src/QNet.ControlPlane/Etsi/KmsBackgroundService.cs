using Microsoft.Extensions.Hosting;
using QNet.Kms;
using QNet.Kms.Supply;

namespace QNet.ControlPlane.Etsi;

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
        {
            await kms.ExpireAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
