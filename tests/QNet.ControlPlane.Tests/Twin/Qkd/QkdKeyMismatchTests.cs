using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using QNet.ControlPlane.Twin;
using QNet.Kms.Supply;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.ControlPlane.Tests.Twin.Qkd;

/// <summary>F7 through the key store: ends that amplify differently deposit different copies, which the store quarantines.</summary>
public class QkdKeyMismatchTests
{
    [Fact]
    public async Task KeyBridge_ResponderSkewedToVersion3_StoreQuarantinesEveryBlockAndLinkRollsBack()
    {
        // 1 km with the library's optimised decoy settings and ε = 10⁻⁶: 300 kbit blocks leave secret key, so every block reaches the store.
        var f = new QkdTwinFixture("f7-kms", 1, 0.033, 300_000,
            "intensities: { signal: 0.4, decoy: 0.2, vacuum: 0 }, intensityProbabilities: { signal: 0.4, decoy: 0.4, vacuum: 0.2 }, securityParameter: 1e-6");
        f.Twin.SetQkdMitigation(new QkdMitigationSettings(RollbackAfterFailures: 2));
        var store = new ComparingStore();
        using var stop = new CancellationTokenSource();
        var bridge = Task.Run(() => f.Twin.KeyBridge.RunAsync(store, NullLogger.Instance, stop.Token));

        f.Run(1);
        var change = f.Twin.SetQkdConfiguration("f7-kms", QkdLinkEnd.Responder, 3, checkCompatibility: false);
        f.Run(2);
        Assert.Equal(3, f.Driver.KeyBlocks);
        await store.Compared(3);
        await stop.CancelAsync();
        await bridge;

        // The block before the skew verified; the two after it passed the tag (reconciliation agrees) but amplified
        // into different keys, were quarantined, counted as verification failures, and the second rolled the link back.
        Assert.True(change.Applied);
        Assert.Equal([true, false, false], store.Outcomes);
        Assert.Equal(2, f.Driver.VerificationFailures);
        Assert.Equal(1, f.Driver.Rollbacks);
        Assert.Equal(2, f.Driver.Configuration.Ends.Responder.Version);
        Assert.Equal(1, f.Twin.KeyBridge.Counts.Deposited);
        Assert.Contains(f.QkdEvents, e => e.Change == "rolled-back" && e.Reason!.Contains("the key store found the two ends' copies different and quarantined the block"));
    }

    /// <summary>Compares the two copies of each block as the KMS does (equal material verifies, different quarantines).</summary>
    private sealed class ComparingStore : IKeyBlockSink
    {
        private readonly ConcurrentDictionary<Guid, byte[]> _first = new();
        private readonly ConcurrentQueue<bool> _outcomes = new();
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _wanted = int.MaxValue;

        public bool[] Outcomes => _outcomes.ToArray();

        public Task Compared(int blocks)
        {
            Volatile.Write(ref _wanted, blocks);
            if (_outcomes.Count >= blocks)
            {
                _enough.TrySetResult();
            }
            return _enough.Task;
        }

        public Task<DepositOutcome> DepositAsync(string holderKmeId, KeyBlock block, CancellationToken cancellationToken = default)
        {
            if (_first.TryRemove(block.BlockId, out var other))
            {
                bool equal = other.AsSpan().SequenceEqual(block.Material);
                _outcomes.Enqueue(equal);
                if (_outcomes.Count >= Volatile.Read(ref _wanted))
                {
                    _enough.TrySetResult();
                }
                return Task.FromResult(equal ? DepositOutcome.Verified : DepositOutcome.Quarantined);
            }
            _first[block.BlockId] = block.Material;
            return Task.FromResult(DepositOutcome.AwaitingPeer);
        }
    }
}
