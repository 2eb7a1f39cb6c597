using QNet.Agent.Devices;
using QNet.Agent.Emulation;
using QNet.Sre;

namespace QNet.Agent.Tests.Emulation;

public sealed class NodeEmulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static NodeEmulator Create(double? t2 = 0.5) => new("alice", 42, [new DetectorParameters("detector-0"), new DetectorParameters("detector-1")], t2, Start);

    [Fact]
    public void Read_AfterOneSecond_ReportsCatalogueMetricsLabelledWithNode()
    {
        var emulator = Create();

        var reading = emulator.Read(Start.AddSeconds(1));

        Assert.All(reading.Samples, s => Assert.Equal("alice", s.Labels["node"]));
        Assert.Contains(reading.Samples, s => s.Metric == MetricCatalogue.MemoryCoherenceTimeSeconds && Math.Abs(s.Value - 0.5) < 0.1);
        Assert.Equal(2, reading.Samples.Count(s => s.Metric == MetricCatalogue.DetectorClicks && s.Value > 0));
        Assert.Equal(2 * NodeEmulator.HeraldsPerRead, reading.Heralds.Count);
    }

    [Fact]
    public void Read_SameSeed_SameReadings()
    {
        var a = Create().Read(Start.AddSeconds(1));
        var b = Create().Read(Start.AddSeconds(1));

        Assert.Equal(a.Samples.Select(s => s.Value), b.Samples.Select(s => s.Value));
    }

    [Fact]
    public void Read_NoT2Yet_NoCoherenceSampleUntilNominalArrives()
    {
        var emulator = Create(t2: null);
        Assert.DoesNotContain(emulator.Read(Start.AddSeconds(1)).Samples, s => s.Metric == MetricCatalogue.MemoryCoherenceTimeSeconds);

        emulator.UseNominalCoherence(0.2);
        emulator.UseNominalCoherence(9); // later nominal values change nothing

        Assert.Equal(0.2, emulator.Memory!.CoherenceSeconds);
    }

    [Fact]
    public void Execute_CalibrateAfterDrift_OffsetBackToZero()
    {
        var emulator = Create();
        var later = Start.AddHours(10);
        Assert.True(emulator.Detectors[0].Calibration.At(36_000) > 0);

        var outcome = emulator.Execute(new CalibrateCommand("c1", "detector-0"), later);

        Assert.True(outcome.Ok, outcome.Message);
        Assert.Equal(0, emulator.Detectors[0].Calibration.At(36_000));
        Assert.True(emulator.Detectors[1].Calibration.At(36_000) > 0);
    }

    [Fact]
    public void Execute_SetParameterUnknownName_RefusedNamingField()
    {
        var outcome = Create().Execute(new SetParameterCommand("c1", "detector-0", "gain", 3), Start);

        Assert.False(outcome.Ok);
        Assert.StartsWith("name:", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_SetMemoryT2ThenReportState_StateShowsNewValue()
    {
        var emulator = Create();

        Assert.True(emulator.Execute(new SetParameterCommand("c1", NodeEmulator.MemoryId, EmulatorParameters.CoherenceSeconds, 0.05), Start).Ok);
        var state = emulator.Execute(new ReportStateCommand("c2"), Start);

        Assert.Equal(0.05, state.State[$"{NodeEmulator.MemoryId}.{EmulatorParameters.CoherenceSeconds}"]);
        Assert.Equal(50e-9, state.State[$"detector-0.{EmulatorParameters.DeadTime}"]);
    }

    [Fact]
    public void Execute_ResetUnknownDetector_Refused()
    {
        var outcome = Create().Execute(new ResetDetectorCommand("c1", "detector-9"), Start);

        Assert.False(outcome.Ok);
        Assert.Contains("detector-9", outcome.Message, StringComparison.Ordinal);
    }
}
