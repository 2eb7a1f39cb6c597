using QNet.ControlPlane.Twin;
using QNet.Qkd.PostProcessing.Versions;

namespace QNet.ControlPlane.Tests.Twin.Qkd;

public class QkdConfigurationControlTests
{
    private static QkdConfigurationControl Control() => new("alice", "bob", PostProcessingVersions.Default);

    [Fact]
    public void Change_CheckedToUnsupportedVersion_RefusedWithReasonAndEndsUnchanged()
    {
        var control = Control();

        var change = control.Change(QkdLinkEnd.Responder, 4, checkCompatibility: true);

        Assert.Equal(QkdConfigurationOutcome.Refused, change.Outcome);
        Assert.Equal("the responder end (bob) cannot move to version 4: the initiator end (alice) runs version 2, which does not support it " +
            "(they derive the Cascade shuffle seeds, verification hash points, privacy-amplification seed differently, so every key block would fail verification)",
            change.Message);
        Assert.Equal(2, control.Ends.Responder.Version);
    }

    [Fact]
    public void Change_CheckedToCompatibleVersion_Applied()
    {
        var control = Control();

        var change = control.Change(QkdLinkEnd.Initiator, 1, checkCompatibility: true);

        Assert.True(change.Applied);
        Assert.Equal("the initiator end (alice) moved from version 2 to 1", change.Message);
        Assert.Equal(1, control.Ends.Initiator.Version);
    }

    [Fact]
    public void Change_UnknownVersion_NamesKnownVersions()
    {
        var change = Control().Change(QkdLinkEnd.Initiator, 7, checkCompatibility: false);

        Assert.Equal(QkdConfigurationOutcome.UnknownVersion, change.Outcome);
        Assert.Equal("unknown post-processing version 7; known versions are 1, 2, 3, 4", change.Message);
    }

    [Fact]
    public void Failed_ThirdFailureAfterUncheckedSkew_RollsBackToLastSharedPair()
    {
        var control = Control();
        control.Change(QkdLinkEnd.Initiator, 1, checkCompatibility: true); // still interoperating: (1, 2) becomes the shared pair
        control.Change(QkdLinkEnd.Responder, 3, checkCompatibility: false);
        var settings = new QkdMitigationSettings(RollbackAfterFailures: 3);

        Assert.Null(control.Failed(settings, "tags differed"));
        Assert.Null(control.Failed(settings, "tags differed"));
        string? rollback = control.Failed(settings, "copies differed");

        Assert.Equal("3 key verification failures in a row (last: copies differed) with the initiator end (alice) on version 1 and the responder end (bob) on version 3; " +
            "rolled back the responder end (bob) to version 2, the last configuration both ends shared", rollback);
        Assert.Equal((1, 2), (control.Ends.Initiator.Version, control.Ends.Responder.Version));
        Assert.Equal(0, control.FailuresInARow);
    }

    [Fact]
    public void Failed_AgreementBetweenFailures_RunRestartsAndNoRollback()
    {
        var control = Control();
        control.Change(QkdLinkEnd.Responder, 4, checkCompatibility: false);
        var settings = new QkdMitigationSettings(RollbackAfterFailures: 2);

        control.Failed(settings, "x");
        control.Agreed();

        Assert.Null(control.Failed(settings, "x"));
        Assert.Equal(4, control.Ends.Responder.Version);
    }

    [Fact]
    public void Failed_InteroperatingEndsOrRollbackOff_NeverRollsBack()
    {
        var control = Control();
        var settings = new QkdMitigationSettings(RollbackAfterFailures: 1);
        Assert.Null(control.Failed(settings, "residual error after Cascade"));

        control.Change(QkdLinkEnd.Responder, 4, checkCompatibility: false);
        Assert.Null(control.Failed(settings with { Rollback = false }, "x"));
        Assert.Equal(4, control.Ends.Responder.Version);
    }
}
