using System.Security.Cryptography;

namespace QNet.Kms.Supply;

/// <summary>
/// DEVELOPMENT ONLY. Stands in for QKD links until the control plane feeds real key blocks: every period it draws a
/// block of random bytes from the operating system's CSPRNG for each KME pair and deposits the same bytes as both
/// KMEs' copies. It proves nothing about quantum security; it exists so the ETSI API can be exercised end to end.
/// </summary>
public sealed class DevKeySupply : IKeySupply
{
    private readonly Func<IReadOnlyList<(string A, string B)>> _pairs;
    private readonly DevKeySupplyOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a supplier for the KME pairs returned (afresh each period) by <paramref name="pairs"/>.</summary>
    public DevKeySupply(Func<IReadOnlyList<(string A, string B)>> pairs, DevKeySupplyOptions options, TimeProvider time)
    {
        _pairs = pairs;
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public async Task RunAsync(IKeyBlockSink sink, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Period, _time);
        do
        {
            await SupplyOnceAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deposits one block (both copies) per KME pair; returns the number of blocks that were verified.</summary>
    public async Task<int> SupplyOnceAsync(IKeyBlockSink sink, CancellationToken cancellationToken = default)
    {
        var verified = 0;
        foreach (var (a, b) in _pairs())
        {
            var material = RandomNumberGenerator.GetBytes(_options.BlockBytes);
            var block = new KeyBlock(Guid.NewGuid(), a, b, material, _time.GetUtcNow(), qber: 0.0, securityParameter: 1e-10);
            var first = await sink.DepositAsync(a, block, cancellationToken).ConfigureAwait(false);
            if (first == DepositOutcome.PoolFull)
            {
                continue;
            }

            if (await sink.DepositAsync(b, block, cancellationToken).ConfigureAwait(false) == DepositOutcome.Verified)
            {
                verified++;
            }
        }
        return verified;
    }
}

/// <summary>Pace of the development supplier: one block of <see cref="BlockBytes"/> per KME pair every <see cref="Period"/>.</summary>
public sealed record DevKeySupplyOptions
{
    /// <summary>Block size in bytes (8 bits each).</summary>
    public int BlockBytes { get; }

    /// <summary>Time between blocks.</summary>
    public TimeSpan Period { get; }

    /// <summary>Creates validated options; the default is 8 KiB every 20 ms, about 3.3 Mbit/s per pair.</summary>
    public DevKeySupplyOptions(int blockBytes = 8192, TimeSpan? period = null)
    {
        if (blockBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blockBytes), blockBytes, "must be positive");
        }

        var p = period ?? TimeSpan.FromMilliseconds(20);
        if (p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), p, "must be positive");
        }

        BlockBytes = blockBytes;
        Period = p;
    }

    /// <summary>Supply rate per KME pair, in bits per second.</summary>
    public double BitsPerSecond => BlockBytes * 8 / Period.TotalSeconds;
}
