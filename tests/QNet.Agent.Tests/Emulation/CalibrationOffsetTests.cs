using QNet.Agent.Emulation;

namespace QNet.Agent.Tests.Emulation;

public sealed class CalibrationOffsetTests
{
    [Fact]
    public void At_TwoHoursAfterStart_DriftRateTimesHours()
    {
        var offset = new CalibrationOffset(0.0005);

        Assert.Equal(0.001, offset.At(7200), 12);
    }

    [Fact]
    public void Calibrate_ThenLater_DriftCountsFromCalibration()
    {
        var offset = new CalibrationOffset(0.01);

        offset.Calibrate(3600);

        Assert.Equal(0, offset.At(3600));
        Assert.Equal(0.01, offset.At(7200), 12);
    }

    [Fact]
    public void At_VeryLongAfter_CappedAtOne()
    {
        Assert.Equal(1, new CalibrationOffset(0.5).At(100 * 3600));
    }
}
