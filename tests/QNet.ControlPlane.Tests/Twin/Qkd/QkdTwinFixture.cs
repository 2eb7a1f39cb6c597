using System.Collections.Concurrent;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Telemetry;
using QNet.Network.Scenarios;

namespace QNet.ControlPlane.Tests.Twin.Qkd;

/// <summary>A twin of one bb84-decoy link (GYS detectors) whose QKD driver a test steps block by block, with its events kept.</summary>
internal sealed class QkdTwinFixture
{
    public QkdTwinFixture(string linkId, double lengthKm, double misalignment, long blockSize, string intensities = "intensities: { signal: 0.48, decoy: 0.05, vacuum: 0 }")
    {
        string yaml = $$"""
            name: qkd-f7
            seed: 41
            nodes: [ { id: alice, kind: end }, { id: bob, kind: end } ]
            links:
              - id: {{linkId}}
                between: [alice, bob]
                length: {{lengthKm}}km
                attenuation: 0.21dB/km
                heralding: direct
                detector: { efficiency: 0.045, darkCountProbability: 1.7e-6, misalignment: {{misalignment}} }
                qkd: { protocol: bb84-decoy, pulseRate: 100MHz, {{intensities}}, blockSize: {{blockSize}} }
            """;
        var parsed = ScenarioLoader.Parse(yaml, "qkd-f7.yaml");
        Assert.True(parsed.Scenario is not null, string.Join("; ", parsed.Errors));
        Metrics = new TwinMetrics();
        Twin = new ControlPlane.Twin.Twin(parsed.Scenario, Metrics, new EventHub(TimeProvider.System), new ControlPlane.Twin.TwinClock(DateTimeOffset.UnixEpoch), 1,
            _ => Task.FromResult(true), Events.Enqueue);
    }

    public ControlPlane.Twin.Twin Twin { get; }

    public TwinMetrics Metrics { get; }

    public ConcurrentQueue<TwinEvent> Events { get; } = new();

    public ControlPlane.Twin.QkdDriver Driver => Twin.Qkd[0];

    /// <summary>Runs <paramref name="blocks"/> blocks (the twin's clock is taken as far ahead).</summary>
    public void Run(int blocks)
    {
        for (int i = 0; i < blocks; i++)
        {
            Assert.True(Driver.Step(Kernel.SimTime.MaxValue));
        }
    }

    public TwinEvent[] QkdEvents => Events.Where(e => e.Type == "qkd").ToArray();
}
