using QNet.Network.Scenarios;
using QNet.Network.Sessions;
using Xunit.Abstractions;

namespace QNet.ControlPlane.Tests.FailureModes;

/// <summary>F7, key mismatch (docs/failure-modes.md): one end of the metro QKD link on another post-processing version, end to end.</summary>
public sealed class KeyMismatchTests(ITestOutputHelper output)
{
    private const string Link = "alice-bob-qkd";

    // Version 4 derives the Cascade shuffles, verification points and Toeplitz seeds differently from version 2 (the metro link's)
    // (src/QNet.Qkd/PostProcessing/Versions), so while the ends are skewed every block fails verification.
    private const int SkewedVersion = 4;

    [Fact]
    public void Inject_QkdConfigSkew_EveryBlockFailsUntilRollbackThenKeysFlowAndNothingPages()
    {
        var h = new FailureModeHarness(runQkd: true);
        h.Run(TimeSpan.FromMinutes(2));
        var qkd = h.Twin.Qkd.Single(q => q.Link.Id == Link);
        Assert.True(qkd.SecretBits > 0, "the healthy link distils key");
        Assert.Equal(0, qkd.VerificationFailures);
        int blocksBefore = qkd.Blocks;

        var id = h.Inject(FaultKind.QkdConfigSkew, Link, SkewedVersion);
        h.Run(TimeSpan.FromMinutes(4));
        output.WriteLine($"blocks {qkd.Blocks - blocksBefore}, verification failures {qkd.VerificationFailures}, rollbacks {qkd.Rollbacks}, versions {qkd.Configuration.Ends.Current.Initiator.Version}/{qkd.Configuration.Ends.Current.Responder.Version}");
        // The skewed ends fail every block; after RollbackAfterFailures failures in a row (the default policy's
        // rollback-qkd-config rule) both ends return to the last version they shared, and every later block verifies.
        int threshold = new ControlPlane.Twin.QkdMitigationSettings().RollbackAfterFailures;
        Assert.Equal(threshold, qkd.VerificationFailures);
        Assert.Equal(1, qkd.Rollbacks);
        Assert.Equal(qkd.Configuration.Ends.Current.Initiator.Version, qkd.Configuration.Ends.Current.Responder.Version);
        Assert.True(qkd.Blocks - blocksBefore > threshold, "blocks after the rollback");
        // The signal moved: the failures are counted on the link's series.
        Assert.Equal(threshold, h.Latest("qnet_qkd_key_verification_failures_total", "link", Link));
        // KeyVerificationFailing needs failures in every 5-minute window for 10 minutes: the rollback ends them first, so
        // it only pends while the failures are inside the window, and never pages.
        Assert.False(h.Firing("KeyVerificationFailing"));
        long bitsAfterRollback = qkd.SecretBits;

        h.Clear(id);
        // Clearing the fault after the rollback changes nothing: the ends already agree. The window empties 5 minutes
        // after the last failure and the pending alert goes quiet.
        h.Run(TimeSpan.FromMinutes(4));
        Assert.True(qkd.SecretBits > bitsAfterRollback, "keys flow after the clear");
        Assert.Equal(threshold, qkd.VerificationFailures);
        Assert.True(h.Quiet("KeyVerificationFailing"));
        Assert.All(h.Twin.Sessions.Values, s => Assert.Equal(SessionOutcome.Running, s.Outcome));
    }

    [Fact]
    public void Inject_QkdConfigSkewWithoutMitigation_BlocksKeepFailingKeyVerificationFailingPagesAndClearRestores()
    {
        var h = new FailureModeHarness(policy: FailureModeHarness.Off, runQkd: true);
        h.Run(TimeSpan.FromMinutes(2));
        var qkd = h.Twin.Qkd.Single(q => q.Link.Id == Link);
        long bitsBefore = qkd.SecretBits;
        int blocksBefore = qkd.Blocks;

        var id = h.Inject(FaultKind.QkdConfigSkew, Link, SkewedVersion);
        // KeyVerificationFailing: failures in the last 5 minutes, for 10 minutes: firing 10–11 minutes in; 12 leave room.
        h.Run(TimeSpan.FromMinutes(12));
        int blocks = qkd.Blocks - blocksBefore;
        output.WriteLine($"blocks {blocks}, verification failures {qkd.VerificationFailures}, secret bits {bitsBefore} -> {qkd.SecretBits}");
        Assert.Equal(blocks, qkd.VerificationFailures);
        Assert.Equal(0, qkd.Rollbacks);
        Assert.Equal(bitsBefore, qkd.SecretBits);
        Assert.Equal("firing", h.AlertStatus("KeyVerificationFailing", "link", Link));

        h.Clear(id);
        long failuresAtClear = qkd.VerificationFailures;
        // Failures stop at the clear; the 5-minute increase empties and the page resolves within about 6 minutes.
        h.Run(TimeSpan.FromMinutes(7));
        Assert.Equal(failuresAtClear, qkd.VerificationFailures);
        Assert.True(qkd.SecretBits > bitsBefore, "keys flow after the clear");
        Assert.Null(h.AlertStatus("KeyVerificationFailing", "link", Link));
    }
}
