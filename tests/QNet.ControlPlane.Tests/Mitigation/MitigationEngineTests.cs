using QNet.ControlPlane.Mitigation;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Tests.Mitigation;

/// <summary>The engine's rate limits on a scripted signal: threshold, hysteresis, cooldown, the off switch.</summary>
public sealed class MitigationEngineTests
{
    // Reroute on link-rate-ratio: bad below 0.5, re-armed at 0.8 or more, 60 simulated s cooldown.
    private static readonly MitigationRule Reroute = new(MitigationAction.Reroute, MitigationSignal.LinkRateRatio, 0.5, 0.8, 60);

    private static MitigationPolicy PolicyOf(bool enabled, params MitigationRule[] rules) => new(enabled, 5, 1, 1, 5, rules);

    [Fact]
    public void Evaluate_SignalStaysOnGoodSide_NeverActs()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        for (int t = 0; t < 100; t++)
        {
            source.Value = t % 2 == 0 ? 0.51 : 1.0;
            engine.Evaluate(5 * t);
        }
        Assert.Empty(effects.Acts);
        Assert.Empty(engine.Recent);
    }

    [Fact]
    public void Evaluate_SignalCrossesThreshold_ActsOnceWithValueAndReason()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        source.Value = 1;
        engine.Evaluate(0);
        source.Value = 0.3;
        engine.Evaluate(5);
        engine.Evaluate(10);
        var act = Assert.Single(effects.Acts);
        Assert.Equal((MitigationAction.Reroute, "l1"), act);
        var record = Assert.Single(engine.Recent);
        Assert.Equal(("reroute", "link-rate-ratio", "l1", 0.3, 0.5, false), (record.Action, record.Reason, record.Target, record.Value, record.Threshold, record.Lifted));
    }

    [Fact]
    public void Evaluate_SignalFlapsAroundThresholdWithoutReachingRelease_ActsOnceAndNeverLifts()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        for (int t = 0; t < 200; t++)
        {
            source.Value = t % 2 == 0 ? 0.45 : 0.7; // crosses 0.5 every evaluation, never reaches the 0.8 release level
            engine.Evaluate(5 * t);
        }
        Assert.Single(effects.Acts);
        Assert.Empty(effects.Lifts);
    }

    [Fact]
    public void Evaluate_SignalFlapsAcrossReleaseFasterThanCooldown_ActsAtMostOncePerCooldown()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        // 1,000 evaluations 5 s apart (5,000 simulated s), the signal bad and fully recovered alternately: without the
        // cooldown it would act 500 times; with 60 s, at most once per 60 s.
        for (int t = 0; t < 1000; t++)
        {
            source.Value = t % 2 == 0 ? 0.1 : 0.9;
            engine.Evaluate(5 * t);
        }
        int most = (int)(5000 / Reroute.CooldownSeconds) + 1;
        Assert.InRange(effects.Acts.Count, 2, most);
        var times = engine.Recent.Where(r => !r.Lifted).Select(r => r.SimulatedSeconds).ToArray();
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second - p.First >= Reroute.CooldownSeconds, $"acted at {p.First} and {p.Second}"));
    }

    [Fact]
    public void Evaluate_StateActionAndSignalRecovers_LiftedOnceAtRelease()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        source.Value = 0.2;
        engine.Evaluate(0);
        source.Value = 0.79;
        engine.Evaluate(5);
        Assert.Empty(effects.Lifts);
        source.Value = 0.8;
        engine.Evaluate(10);
        engine.Evaluate(15);
        Assert.Equal(["l1"], effects.Lifts);
        Assert.True(engine.Recent[^1].Lifted);
    }

    [Fact]
    public void Evaluate_SteppingActionStaysBad_ActsAgainOnlyAfterCooldown()
    {
        var rule = new MitigationRule(MitigationAction.RaisePurification, MitigationSignal.SessionTargetMiss, 0.2, 0.05, 120);
        var (engine, source, effects) = Build(PolicyOf(true, rule));
        source.Value = 0.5;
        for (int t = 0; t <= 60; t++)
        {
            engine.Evaluate(5 * t); // 0..300 s: acts at 0, 120, 240
        }
        Assert.Equal([0.0, 120.0, 240.0], engine.Recent.Select(r => r.SimulatedSeconds));
        Assert.All(effects.Acts, a => Assert.Equal(MitigationAction.RaisePurification, a.Action));
    }

    [Fact]
    public void Evaluate_PolicyOff_NothingActsAndWhatIsHeldIsLifted()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        source.Value = 0.2;
        engine.Evaluate(0);
        Assert.Single(effects.Acts);
        engine.Replace(PolicyOf(false, Reroute));
        for (int t = 1; t < 100; t++)
        {
            engine.Evaluate(100 * t);
        }
        Assert.Single(effects.Acts);
        Assert.Equal(["l1"], effects.Lifts);
        engine.Replace(PolicyOf(true, Reroute));
        engine.Evaluate(100_000);
        Assert.Equal(2, effects.Acts.Count);
    }

    [Fact]
    public void Evaluate_RuleDisabled_DoesNotAct()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute with { Enabled = false }));
        source.Value = 0;
        engine.Evaluate(0);
        engine.Evaluate(1000);
        Assert.Empty(effects.Acts);
    }

    [Fact]
    public void Evaluate_EffectDoesNothing_NoRecordAndNoCooldownSpent()
    {
        var (engine, source, effects) = Build(PolicyOf(true, Reroute));
        effects.Available = false;
        source.Value = 0.2;
        engine.Evaluate(0);
        Assert.Empty(engine.Recent);
        effects.Available = true;
        source.Value = 0.9;
        engine.Evaluate(5);
        source.Value = 0.2;
        engine.Evaluate(10); // 10 s after the attempt, inside the cooldown: acts, as nothing was done at 0
        Assert.Single(engine.Recent);
    }

    private static (MitigationEngine Engine, ScriptedSignal Source, RecordingEffects Effects) Build(MitigationPolicy policy)
    {
        var source = new ScriptedSignal();
        var effects = new RecordingEffects();
        return (new MitigationEngine(source, effects, policy), source, effects);
    }

    private sealed class ScriptedSignal : IMitigationSignalSource
    {
        public double Value { get; set; } = 1;

        public void Read(MitigationSignal signal, int minSamples, List<SignalReading> into) => into.Add(new SignalReading(signal, "l1", Value));
    }

    private sealed class RecordingEffects : IMitigationEffects
    {
        public List<(MitigationAction Action, string Target)> Acts { get; } = [];

        public List<string> Lifts { get; } = [];

        public bool Available { get; set; } = true;

        public MitigationOutcome Act(MitigationAction action, SignalReading reading, MitigationPolicy policy)
        {
            if (!Available)
            {
                return MitigationOutcome.Nothing("not available");
            }
            Acts.Add((action, reading.Target));
            return new MitigationOutcome(true, [], "acted");
        }

        public bool Lift(MitigationAction action, SignalReading reading)
        {
            Lifts.Add(reading.Target);
            return true;
        }
    }
}
