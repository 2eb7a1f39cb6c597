using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using QNet.Kms.Supply;
using QNet.Qkd;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Carries QKD key blocks from the simulator into the key store: <see cref="Accept"/> runs on the simulation
/// thread and only queues (bounded; a full queue drops the block and counts it), and <see cref="RunAsync"/>
/// deposits each block as both ends' copies through the Kms supply interface (<see cref="IKeyBlockSink"/>), so the
/// Kms never references the simulator.
/// </summary>
internal sealed class QkdKeyBridge : IQkdKeySink
{
    private readonly Channel<QkdKeyBlock> _queue = Channel.CreateBounded<QkdKeyBlock>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Func<Kernel.SimTime, DateTimeOffset> _clock;
    private long _accepted;
    private long _dropped;
    private long _discarded;
    private long _deposited;

    /// <summary>Creates a bridge; <paramref name="clock"/> maps simulated time to the twin's wall-clock time.</summary>
    public QkdKeyBridge(Func<Kernel.SimTime, DateTimeOffset> clock) => _clock = clock;

    /// <summary>Blocks queued, dropped (queue full), discarded by post-processing, and deposited (both copies verified).</summary>
    public (long Accepted, long Dropped, long Discarded, long Deposited) Counts => (Interlocked.Read(ref _accepted), Interlocked.Read(ref _dropped), Interlocked.Read(ref _discarded), Interlocked.Read(ref _deposited));

    public void Accept(QkdKeyBlock block)
    {
        if (_queue.Writer.TryWrite(block))
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public void Discarded(string initiatorId, string responderId, Kernel.SimTime at, QkdBlockOutcome outcome) => Interlocked.Increment(ref _discarded);

    /// <summary>
    /// Told, for every block whose two copies the store compared, the block's initiator and responder and whether the
    /// copies agreed (verified) or not (quarantined). Set before <see cref="RunAsync"/> starts.
    /// </summary>
    public Action<string, string, bool>? CopiesCompared { get; set; }

    /// <summary>Deposits queued blocks into <paramref name="sink"/> until cancelled.</summary>
    public async Task RunAsync(IKeyBlockSink sink, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var block in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var copy = new KeyBlock(block.KeyId, block.InitiatorId, block.ResponderId, block.Bits, _clock(block.CreatedAt), block.Qber, block.SecurityParameter);
                try
                {
                    var first = await sink.DepositAsync(block.InitiatorId, copy, cancellationToken).ConfigureAwait(false);
                    if (first == DepositOutcome.PoolFull)
                    {
                        continue;
                    }
                    // Each end deposits its own copy; they differ when the ends amplified differently (F7).
                    var responderCopy = block.ResponderBits is { } theirs
                        ? new KeyBlock(block.KeyId, block.InitiatorId, block.ResponderId, theirs, copy.CreatedAt, block.Qber, block.SecurityParameter)
                        : copy;
                    var second = await sink.DepositAsync(block.ResponderId, responderCopy, cancellationToken).ConfigureAwait(false);
                    if (second == DepositOutcome.Verified)
                    {
                        Interlocked.Increment(ref _deposited);
                    }
                    if (second is DepositOutcome.Verified or DepositOutcome.Quarantined)
                    {
                        CopiesCompared?.Invoke(block.InitiatorId, block.ResponderId, second == DepositOutcome.Verified);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "depositing QKD block {Block} failed", block.KeyId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
