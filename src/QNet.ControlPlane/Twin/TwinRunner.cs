using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Slo;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Telemetry;
using QNet.Kernel;
using QNet.Kms.Supply;
using QNet.Network.Sessions;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Runs the twin on its own thread: every step (at most <see cref="ControlPlaneOptions.StepInterval"/> of wall time,
/// sooner when a command arrives) it runs the queued API commands, advances the simulator to
/// start + elapsed wall time × time factor (elapsed read from the <see cref="TimeProvider"/>; the simulator itself
/// never reads a clock), lets QKD catch up, samples the metric history, ticks the SLO evaluator and publishes the
/// snapshot. A step never advances more than <see cref="MaxStepFactor"/> step intervals of simulated time; when the
/// machine cannot keep up the remainder shows as lag (<c>qnet_twin_lag_seconds</c>). The target never passes the end of
/// the twin's clock (<see cref="TwinClockEnd"/>): there the twin stops advancing, says so once in the log and in
/// <c>/health</c>, and goes on serving the API.
/// </summary>
internal sealed class TwinRunner(Twin twin, TwinCommandQueue commands, TwinHistory history, SloMonitor slo, StoreWriter writer, ControlPlaneStore store,
    ControlPlaneOptions options, OperatorConsole.SliSampler console, TimeProvider time, IKeyBlockSink keySink, StartupState startup, ILogger<TwinRunner> logger) : BackgroundService
{
    /// <summary>Largest advance of one step, in step intervals of simulated time.</summary>
    public const double MaxStepFactor = 20;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the twin has restored its state and run its first step.</summary>
    public Task Started => _started.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keys = Task.Run(() => twin.KeyBridge.RunAsync(keySink, logger, stoppingToken), stoppingToken);
        var ids = Task.Run(() => LoadIdsAsync(stoppingToken), stoppingToken);
        // The twin keeps its own thread and blocks on it between steps: a command's arrival wakes it directly,
        // without a hop through the thread pool.
        var loop = Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var qkd = twin.Qkd.Select(q => Task.Factory.StartNew(() => q.RunAsync(() => twin.Clock.Simulated, TimeSpan.FromMilliseconds(100), time, stoppingToken),
            stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
        return Task.WhenAll([keys, ids, loop, .. qkd]);
    }

    // Every stored id goes into the twin's id filter; until then the API asks the store about every client id.
    private async Task LoadIdsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.ForEachSessionIdAsync(twin.Ids.Add, stoppingToken).ConfigureAwait(false);
            twin.Ids.MarkComplete();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "loading stored session ids failed; duplicate ids are checked in the store for every request");
        }
    }

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            Restore();
            long start = time.GetTimestamp();
            var simStart = twin.Simulator.Now;
            long lastPublish = time.GetTimestamp();
            long publishEvery = time.TimestampFrequency / 10;
            long maxAdvance = (long)(options.StepInterval.TotalSeconds * options.TimeFactor * MaxStepFactor * SimTime.PicosecondsPerSecond);
            long nextPrune = 0;
            long lastMemorySnapshot = long.MinValue / 2;
            bool memoryHeld = true; // the first snapshot replaces whatever the previous leader left
            var pacer = new ControlLoopPacer();
            twin.Publish(0);
            _started.TrySetResult();
            while (!stoppingToken.IsCancellationRequested)
            {
                commands.Wait(options.StepInterval, stoppingToken);
                int ran = commands.Drain(twin, 256, pacer.Budget(twin.Simulator.Now, twin.FaultInjector.ControlLoopDelaySeconds));
                pacer.Ran(ran, twin.Simulator.Now, idle: commands.Depth() == 0);
                twin.ForgetEnded();
                double elapsed = time.GetElapsedTime(start).TotalSeconds;
                var target = twin.ClockEnd.Target(simStart, elapsed * options.TimeFactor);
                var next = target.Picoseconds - twin.Simulator.Now.Picoseconds > maxAdvance ? new SimTime(twin.Simulator.Now.Picoseconds + maxAdvance) : target;
                twin.Advance(next);
                twin.ClockEnd.Check(twin.Simulator.Now, twin.Clock.GetUtcNow(), logger);
                double lag = Math.Max(0, (target.Picoseconds - twin.Simulator.Now.Picoseconds) / (double)SimTime.PicosecondsPerSecond);
                var unixMs = twin.Clock.GetUtcNow().ToUnixTimeMilliseconds();
                long now = time.GetTimestamp();
                bool publish = ran > 0 || now - lastPublish >= publishEvery;
                if (publish)
                {
                    twin.Publish(lag);
                    lastPublish = now;
                }
                if (history.SampleIfDue(twin.Metrics.Tallies, unixMs) is { } persisted)
                {
                    if (persisted.Count > 0)
                    {
                        writer.Enqueue((s, ct) => s.AppendSamplesAsync(persisted, ct));
                    }
                    // What the memories hold now: a new leader counts it as lost if this one dies before the next snapshot.
                    // At most once a wall-clock second (a fast twin samples often), and not again while it stays empty.
                    if (now - lastMemorySnapshot >= time.TimestampFrequency && twin.MemorySnapshot(unixMs) is var memory && (memory.Count > 0 || memoryHeld))
                    {
                        writer.Enqueue((s, ct) => s.ReplaceMemoryPairsAsync(memory, ct));
                        lastMemorySnapshot = now;
                        memoryHeld = memory.Count > 0;
                    }
                    slo.Tick(now, time.TimestampFrequency);
                }
                console.SampleIfDue(twin, unixMs);
                if (unixMs >= nextPrune)
                {
                    var eventsBefore = twin.Clock.GetUtcNow() - options.EventRetention;
                    var samplesBefore = unixMs - (long)options.SampleRetention.TotalMilliseconds;
                    var notificationsBefore = time.GetUtcNow() - options.AlertNotificationRetention;
                    writer.Enqueue(async (s, ct) =>
                    {
                        await s.PruneEventsAsync(eventsBefore, ct).ConfigureAwait(false);
                        await s.PruneSamplesAsync(samplesBefore, ct).ConfigureAwait(false);
                        await s.PruneAlertNotificationsAsync(notificationsBefore, ct).ConfigureAwait(false);
                    });
                    nextPrune = unixMs + (long)TimeSpan.FromHours(1).TotalMilliseconds;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "the twin stopped");
            _started.TrySetException(e);
            throw;
        }
        finally
        {
            commands.Abandon();
            foreach (var s in twin.Sessions.Values)
            {
                _ = writer.Enqueue(TwinPersistence.Record(s));
            }
        }
    }

    // Sessions: the scenario's own come from the scenario; API (and Kubernetes) sessions still running at the last stop are submitted
    // again with their trace ids; ended ones are remembered for listing. Active faults and promoted configuration changes are applied again.
    private void Restore()
    {
        // Promoted configuration changes first, so the sessions start on the links as the operator left them.
        twin.ConfigChanges.Restore(startup.ConfigChanges ?? []);
        var stored = startup.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var spec in twin.Scenario.Sessions)
        {
            var previous = stored.GetValueOrDefault(spec.Id);
            var state = twin.Submit(spec, "scenario", previous?.CreatedAt ?? time.GetUtcNow(), previous?.TraceId, previous?.SpanId);
            stored.Remove(spec.Id);
        }
        foreach (var record in stored.Values)
        {
            var request = JsonSerializer.Deserialize<SessionRequest>(record.RequestJson, TwinPersistence.Json);
            if (request is null || request.Validate(id => twin.Topology.Nodes.GetValueOrDefault(id)).Count > 0)
            {
                continue;
            }
            var spec = request.ToSpec(record.Id);
            // Sessions submitted by the Kubernetes reconciler run again like API ones: their objects still ask for them.
            if (record.Origin is "api" or Kubernetes.TwinNetworkPort.Origin && SessionNames.TryOutcome(record.Outcome, out var outcome) && outcome is SessionOutcome.Running or SessionOutcome.Degraded or SessionOutcome.Pending)
            {
                var state = twin.Submit(spec, record.Origin, record.CreatedAt, record.TraceId, record.SpanId);
                state.Restore(record.Pairs, record.MeanFidelity);
            }
            else if (TwinPersistence.State(record) is { } state)
            {
                twin.Remember(state);
            }
        }
        twin.Restore(startup.Faults);
        foreach (var c in startup.Calibrations)
        {
            twin.Calibrate(c.Link);
        }
        history.Load(startup.Samples);
        long lostAtFailover = twin.ApplyMemorySnapshot(startup.MemoryPairs, startup.Failover);
        if (startup.Failover && logger.IsEnabled(LogLevel.Warning))
        {
            logger.LogWarning("failover: {Pairs} pairs held in the previous leader's memories counted as lost", lostAtFailover);
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("twin restored {Sessions} sessions and {Faults} faults", twin.Sessions.Count, startup.Faults.Count);
        }
    }
}
