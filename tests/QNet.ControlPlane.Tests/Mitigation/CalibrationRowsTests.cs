using Microsoft.Extensions.DependencyInjection;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.Network.Scenarios;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>
/// Calibration runs the control plane makes by itself (a scenario's scheduled job, the mitigation policy's
/// run-calibration) are <c>cp_calibrations</c> rows like an operator's <c>POST /api/v1/calibrations</c>: listed, and kept
/// across a restart, on SQLite and on a real PostgreSQL.
/// </summary>
[Collection("servers")]
public sealed class CalibrationRowsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // alice-bob is calibrated every 20 simulated s by a job; bob-carol drifts 0.5 an hour and the policy calibrates it once
    // its drift passes 0.001 (the first drift step, 60 simulated s in), then not again within the hour's cooldown.
    private const string Yaml = """
        name: calibrated
        seed: 5
        nodes:
          - { id: alice, kind: end, memory: { slots: 2, t1: 100s, t2: 10s } }
          - { id: bob, kind: end, memory: { slots: 4, t1: 100s, t2: 10s } }
          - { id: carol, kind: end, memory: { slots: 2, t1: 100s, t2: 10s } }
        links:
          - { id: alice-bob, between: [alice, bob], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
          - { id: bob-carol, between: [bob, carol], length: 10km, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 0.01,
              detector: { efficiency: 0.9, darkCountRate: 10Hz } }
        calibration:
          - { target: alice-bob, every: 20s }
        faults:
          - { kind: calibration-drift, target: bob-carol, magnitude: 0.5 }
        mitigation:
          evaluateEvery: 1s
          rules:
            - { action: run-calibration, signal: calibration-drift, threshold: 0.001, release: 0, cooldown: 1h }
        """;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task ScheduledAndMitigationCalibrations_StoredAsRowsAndKeptAcrossRestart(string engine)
    {
        var scenario = ScenarioLoader.Parse(Yaml, "calibrated.yaml").Scenario!;
        var root = Path.Combine(Path.GetTempPath(), $"qnet-cp-{Guid.NewGuid():N}");
        string? connection = engine == "postgres" ? await postgres.CreateDatabaseAsync() : null;
        var options = new ControlPlaneOptions(Path.Combine(root, "data"), apiPort: 0, etsiPort: 0, connection, timeFactor: 10)
        {
            Scenario = scenario,
            MasterKeyFile = ControlPlaneServer.MasterKeyFileUnder(root),
        };
        try
        {
            List<CalibrationRecord> stored;
            await using (var host = await ControlPlaneHost.StartAsync(options, TimeProvider.System))
            {
                var store = host.Services.GetRequiredService<ControlPlaneStore>();
                stored = await ControlPlaneServer.EventuallyAsync(async () =>
                {
                    var rows = await store.ListCalibrationsAsync();
                    return rows.Count(r => r.Link == "alice-bob") >= 2 && rows.Any(r => r.Link == "bob-carol") ? rows : null;
                }, "two scheduled calibrations of alice-bob and the policy's of bob-carol stored");
            }
            Assert.Equal(engine == "sqlite", File.Exists(options.SqlitePath)); // on PostgreSQL no SQLite file is made
            // The policy's run reset a drift it measured (above its 0.001 threshold); the scheduled runs reset only 20 s of the
            // links' slow ageing (about 3e-6).
            var byPolicy = Assert.Single(stored, r => r.Link == "bob-carol");
            Assert.True(byPolicy.DriftBefore > 0.001, $"drift before {byPolicy.DriftBefore}");
            Assert.All(stored.Where(r => r.Link == "alice-bob"), r => Assert.InRange(r.DriftBefore, 0, 1e-4));
            Assert.Equal(stored.Count, stored.Select(r => r.Id).Distinct().Count());

            await using var again = await ControlPlaneHost.StartAsync(options, TimeProvider.System);
            var kept = await again.Services.GetRequiredService<ControlPlaneStore>().ListCalibrationsAsync();
            Assert.Superset(stored.Select(r => r.Id).ToHashSet(), kept.Select(r => r.Id).ToHashSet());
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
