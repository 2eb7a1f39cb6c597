using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Tests.Twin.Qkd;

public class QkdProductionGateTests
{
    [Fact]
    public void Observe_QberCrossesAndHovers_PausesOnceAndResumesOnlyAtResumeThreshold()
    {
        var gate = new QkdProductionGate();
        var settings = new QkdMitigationSettings(PauseQber: 0.11, ResumeQber: 0.09);

        // Rises past 11 %, hovers between the thresholds (no flapping), falls to 9 %.
        double[] qber = [0.03, 0.112, 0.105, 0.111, 0.095, 0.09, 0.10, 0.105];
        var changes = qber.Select(q => gate.Observe(q, settings)).ToArray();

        Assert.Equal(
            [QkdGateChange.None, QkdGateChange.Paused, QkdGateChange.None, QkdGateChange.None, QkdGateChange.None, QkdGateChange.Resumed, QkdGateChange.None, QkdGateChange.None],
            changes);
        Assert.False(gate.Paused);
        Assert.Equal(1, gate.Pauses);
    }

    [Fact]
    public void Observe_PauseSwitchedOffWhilePaused_ResumesAndNeverPausesAgain()
    {
        var gate = new QkdProductionGate();
        gate.Observe(0.2, new QkdMitigationSettings());
        var off = new QkdMitigationSettings(Pause: false);

        Assert.Equal(QkdGateChange.Resumed, gate.Observe(0.2, off));
        Assert.Equal(QkdGateChange.None, gate.Observe(0.3, off));
        Assert.False(gate.Paused);
    }

    [Theory]
    [InlineData(0, 0.11, 0.09, "RollbackAfterFailures")]
    [InlineData(3, 0, 0, "PauseQber")]
    [InlineData(3, 0.11, 0.11, "ResumeQber")]
    public void Constructor_OutOfRange_ThrowsNamingField(int failures, double pause, double resume, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new QkdMitigationSettings(failures, pause, resume));

        Assert.Equal(field, e.ParamName);
    }
}
