using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

/// <summary>
/// The fault causes as link physics: visibility V (F2), misalignment e_d on heralded links (F8),
/// background clicks and dead time (F5). Each against its closed form (docs/physics.md).
/// </summary>
public sealed class LinkModelFaultPhysicsTests
{
    private static OpticalLinkHardware Fiber(double km, Detector detector, double sourceEfficiency = 1, double repetitionRateHz = double.PositiveInfinity) =>
        new(OpticalPath.Of(new FiberChannel(km * 1000, 0.2)), detector, new PhotonSource(sourceEfficiency, repetitionRateHz));

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void DoubleClick_Visibility_IdealEmittersGiveOnePlusVOverTwo(double v)
    {
        var physics = new DoubleClickLink(Fiber(25, new Detector(0.8))) { Visibility = v }.Derive();

        // Barrett–Kok with partially distinguishable photons: F = (1 + V)/2, the lost coherence on Φ−; p unchanged.
        double eta = 0.8 * Math.Pow(10, -0.2 * 25 / 20);
        Assert.Equal((1 + v) / 2, physics.HeraldedState.Fidelity, 12);
        Assert.Equal((1 - v) / 2, physics.HeraldedState.PhiMinus, 12);
        Assert.Equal(eta * eta / 2, physics.SuccessProbability, 12);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    public void DoubleClick_Misalignment_EachOfTwoClicksFlipsThePhase(double ed)
    {
        var physics = new DoubleClickLink(Fiber(10, new Detector(1, 0, Detector.DefaultWindow, ed))).Derive();

        // The sign is misread when exactly one of the two clicks is misrouted: F = 1 − 2e_d(1 − e_d) = (1 + (1 − 2e_d)²)/2.
        Assert.Equal(1 - 2 * ed * (1 - ed), physics.HeraldedState.Fidelity, 12);
    }

    [Theory]
    [InlineData(0.05, 0.9, 0.0)]
    [InlineData(0.1, 1.0, 0.02)]
    [InlineData(0.2, 0.7, 0.03)]
    public void SingleClick_VisibilityAndMisalignment_ScaleTheCoherenceOfTheGoodTerm(double alpha, double v, double ed)
    {
        var physics = new SingleClickLink(Fiber(30, new Detector(0.9, 0, Detector.DefaultWindow, ed)), alpha) { Visibility = v }.Derive();

        // Without dark counts the good share is F0 = (1 − α)/(1 − αη/2); one heralding photon scales its
        // coherence by c = √V(1 − 2e_d), so F = F0(1 + c)/2; the bright-state share stays on Ψ±.
        double eta = 0.9 * Math.Pow(10, -0.2 * 30 / 20);
        double f0 = (1 - alpha) / (1 - alpha * eta / 2);
        double c = Math.Sqrt(v) * (1 - 2 * ed);
        Assert.Equal(f0 * (1 + c) / 2, physics.HeraldedState.Fidelity, 12);
        Assert.Equal(f0 * (1 - c) / 2, physics.HeraldedState.PhiMinus, 12);
        Assert.Equal(alpha * eta * (2 - alpha * eta), physics.SuccessProbability, 12);
    }

    [Fact]
    public void MidpointSourceAndDirect_Misalignment_LeavesThePairAsItWas()
    {
        var aligned = Fiber(20, new Detector(0.9, 1e3));
        var misaligned = Fiber(20, new Detector(0.9, 1e3, Detector.DefaultWindow, 0.1));

        // Their herald detectors only register that a photon arrived: no phase is read from them.
        Assert.Equal(new MidpointSourceLink(aligned).Derive(), new MidpointSourceLink(misaligned).Derive());
        Assert.Equal(new DirectTransmissionLink(aligned).Derive(), new DirectTransmissionLink(misaligned).Derive());
    }

    [Fact]
    public void DoubleClick_DefaultVisibilityAndNoDeadTime_SameFiguresAsBefore()
    {
        var detector = new Detector(0.7, 1e4);
        var plain = new DoubleClickLink(Fiber(40, detector)).Derive();
        var explicitDefaults = new DoubleClickLink(Fiber(40, detector with { DeadTimeSeconds = 0, BackgroundRateHz = 0 })) { Visibility = 1 }.Derive();

        Assert.Equal(plain, explicitDefaults);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e6)]
    [InlineData(1e7)]
    [InlineData(5e7)]
    public void DoubleClick_BackgroundAndDeadTime_SaturationCurveMatchesClosedForm(double backgroundHz)
    {
        const double tau = 100e-9, window = 1e-9, etaDet = 0.8, km = 10;
        // A 1 MHz source makes the signal's own click rate part of R: 1 photon per node per attempt, 2 detectors.
        var detector = new Detector(etaDet, 0, window) { BackgroundRateHz = backgroundHz, DeadTimeSeconds = tau };
        var physics = new DoubleClickLink(Fiber(km, detector, repetitionRateHz: 1e6)).Derive();

        double arm = Math.Pow(10, -0.2 * km / 20);
        double cycle = Math.Max(1e-6, km * 1000 / 2e8);
        double r = (arm * etaDet / cycle) + backgroundHz;     // clicks per second on one detector without dead time
        double eta = etaDet / (1 + r * tau) * arm;            // η_eff·√η_fiber
        double d = 1 - Math.Exp(-backgroundHz * window);
        // True heralds: one photon detected in each round, the other detector quiet in both: ½η²(1 − d)².
        double trueHerald = 0.5 * eta * eta * (1 - d) * (1 - d);
        Assert.Equal(trueHerald, physics.SuccessProbability * physics.TrueHeraldFraction, 12);
    }

    [Fact]
    public void DoubleClick_RisingBackgroundWithDeadTime_FewerTrueHeraldsAndLargerFalseShare()
    {
        double previousTrue = double.MaxValue, previousFalseShare = -1;
        foreach (double background in new[] { 0.0, 1e5, 1e6, 1e7, 1e8 })
        {
            var detector = new Detector(0.8) { BackgroundRateHz = background, DeadTimeSeconds = 50e-9 };
            var physics = new DoubleClickLink(Fiber(20, detector)).Derive();
            double trueHeralds = physics.SuccessProbability * physics.TrueHeraldFraction;
            double falseShare = 1 - physics.TrueHeraldFraction;

            Assert.True(trueHeralds < previousTrue, $"true heralds did not fall at {background} Hz");
            Assert.True(falseShare > previousFalseShare, $"false share did not rise at {background} Hz");
            previousTrue = trueHeralds;
            previousFalseShare = falseShare;
        }
    }

    [Theory]
    [InlineData(LinkEngine.AttemptSkipping)]
    [InlineData(LinkEngine.PerAttempt)]
    public void Run_BackgroundLight_FalseHeraldShareMatchesTheModel(LinkEngine engine)
    {
        var sim = new Simulator(314);
        var sink = new CountingSink();
        var detector = new Detector(0.9, 10, 1e-9) { BackgroundRateHz = 1e7, DeadTimeSeconds = 50e-9 };
        var link = new HeraldedLink(sim, "l", new DoubleClickLink(Fiber(50, detector)), new QuantumMemory(1, 10, 1), new QuantumMemory(1, 10, 1), 4, engine, sink);
        link.Start();
        sim.RunUntil(SimTime.FromSeconds(engine == LinkEngine.PerAttempt ? 20 : 60));

        double q = 1 - link.Physics.TrueHeraldFraction;
        Assert.InRange(q, 0.05, 0.6); // a real mixture, so the check has power
        var stats = link.Statistics;
        Assert.True(stats.Pairs > 3000, $"only {stats.Pairs} heralds");
        // Each herald is false with probability q independently: binomial, 5 standard errors.
        double se = Math.Sqrt(stats.Pairs * q * (1 - q));
        Assert.InRange(stats.DarkCountHeralds, (stats.Pairs * q) - (5 * se), (stats.Pairs * q) + (5 * se));
    }

    private sealed class CountingSink : ILinkPairSink
    {
        public bool OnPair(HeraldedLink link, in LinkPair pair) => true;
    }
}
