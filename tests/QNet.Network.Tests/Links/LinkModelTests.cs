using QNet.Kernel;
using QNet.Network.Links;
using QNet.Physics.Hardware;

namespace QNet.Network.Tests.Links;

public class LinkModelTests
{
    private static OpticalLinkHardware Fiber(double km, double efficiency = 1, double darkCountProbability = 0, double sourceEfficiency = 1) =>
        new(OpticalPath.Of(new FiberChannel(km * 1000, 0.2)),
            Detector.WithDarkCountProbability(efficiency, darkCountProbability),
            new PhotonSource(sourceEfficiency));

    [Theory]
    [InlineData(50, 0.1, 1.0)]
    [InlineData(10, 0.05, 0.8)]
    [InlineData(100, 0.3, 0.5)]
    public void SingleClick_NoDarkCounts_MatchesClosedForm(double km, double alpha, double efficiency)
    {
        var physics = new SingleClickLink(Fiber(km, efficiency), alpha).Derive();
        // Reference: η_arm = η_extra·10^{−αL/20}; p = aη(2 − aη); F = (1 − a)/(1 − aη/2).
        double eta = efficiency * Math.Pow(10, -0.2 * km / 20);
        Assert.Equal(alpha * eta * (2 - alpha * eta), physics.SuccessProbability, 12);
        Assert.Equal((1 - alpha) / (1 - alpha * eta / 2), physics.HeraldedState.Fidelity, 12);
        Assert.Equal(1.0, physics.TrueHeraldFraction, 12);
        // Midpoint station: τ = L/c with c = 2×10⁸ m/s.
        Assert.Equal(SimTime.FromSeconds(km * 1000 / 2e8), physics.AttemptDuration);
        Assert.Equal(physics.AttemptDuration, physics.HeraldLatency);
    }

    [Fact]
    public void SingleClick_SmallAlpha_FirstOrderApproximationHolds()
    {
        var physics = new SingleClickLink(Fiber(20), 0.001).Derive();
        double eta = Math.Pow(10, -0.2 * 20 / 20);
        // First order: p ≈ 2aη, F ≈ 1 − a; second-order terms are below a²η and a·aη/2.
        Assert.Equal(2 * 0.001 * eta, physics.SuccessProbability, 1e-6);
        Assert.Equal(1 - 0.001, physics.HeraldedState.Fidelity, 1e-3);
    }

    [Theory]
    [InlineData(25, 1.0)]
    [InlineData(50, 0.9)]
    public void DoubleClick_Ideal_HalfEtaSquaredAndPerfectFidelity(double km, double efficiency)
    {
        var physics = new DoubleClickLink(Fiber(km, efficiency)).Derive();
        double eta = efficiency * Math.Pow(10, -0.2 * km / 20);
        Assert.Equal(eta * eta / 2, physics.SuccessProbability, 12);
        Assert.Equal(1.0, physics.HeraldedState.Fidelity, 12);
    }

    [Fact]
    public void Direct_Ideal_TransmittanceAndRoundTripDuration()
    {
        var physics = new DirectTransmissionLink(Fiber(30, 0.7, sourceEfficiency: 0.5)).Derive();
        Assert.Equal(0.5 * 0.7 * Math.Pow(10, -0.2 * 30 / 10), physics.SuccessProbability, 12);
        Assert.Equal(SimTime.FromSeconds(2 * 30_000 / 2e8), physics.AttemptDuration);
        Assert.Equal(1.0, physics.HeraldedState.Fidelity, 12);
    }

    [Fact]
    public void MidpointSource_Ideal_ArmSquaredAndOneAndAHalfLengthDuration()
    {
        var physics = new MidpointSourceLink(Fiber(40)).Derive();
        Assert.Equal(Math.Pow(10, -0.2 * 40 / 10), physics.SuccessProbability, 12);
        Assert.Equal(SimTime.FromSeconds(1.5 * 40_000 / 2e8), physics.AttemptDuration);
    }

    [Fact]
    public void Probabilistic_DeliversWernerAndAddsClassicalDelay()
    {
        var physics = new ProbabilisticLink(0.1, SimTime.FromMilliseconds(1), 0.95, OpticalPath.Of(new FiberChannel(20_000))).Derive();
        Assert.Equal(0.1, physics.SuccessProbability, 12);
        Assert.Equal(0.95, physics.HeraldedState.Fidelity, 12);
        Assert.Equal(physics.HeraldedState.PsiPlus, physics.HeraldedState.PhiMinus, 12);
        Assert.Equal(SimTime.FromMilliseconds(1) + SimTime.FromMicroseconds(100), physics.AttemptDuration);

        var noPath = new ProbabilisticLink(0.1, SimTime.FromMilliseconds(1), 0.95).Derive();
        Assert.Equal(SimTime.FromMilliseconds(1), noPath.HeraldLatency);
    }

    [Fact]
    public void DarkCounts_AddFalseHeraldsAndLowerFidelity()
    {
        var clean = new SingleClickLink(Fiber(100), 0.1).Derive();
        var noisy = new SingleClickLink(Fiber(100, darkCountProbability: 1e-3), 0.1).Derive();
        Assert.True(noisy.SuccessProbability > clean.SuccessProbability);
        Assert.True(noisy.HeraldedState.Fidelity < clean.HeraldedState.Fidelity);
        Assert.InRange(noisy.TrueHeraldFraction, 0.0, 0.999);
    }

    [Fact]
    public void DarkCountsOnly_FarBeyondReach_HeraldsCarryNoUsefulEntanglement()
    {
        // 2000 km: no photon survives; every herald is a dark count.
        var direct = new DirectTransmissionLink(Fiber(2000, darkCountProbability: 1e-4)).Derive();
        Assert.Equal(1e-4, direct.SuccessProbability, 1e-12);
        Assert.Equal(0.25, direct.HeraldedState.Fidelity, 6);
        var doubleClick = new DoubleClickLink(Fiber(2000, darkCountProbability: 1e-4)).Derive();
        Assert.True(doubleClick.HeraldedState.Fidelity <= 0.5 + 1e-9);
    }

    [Fact]
    public void RepetitionRate_LimitsAttemptDuration()
    {
        var hw = new OpticalLinkHardware(OpticalPath.Of(new FiberChannel(1000)), new Detector(), new PhotonSource(1, 1000));
        Assert.Equal(SimTime.FromMilliseconds(1), new DoubleClickLink(hw).Derive().AttemptDuration);
    }

    [Fact]
    public void SingleClick_InvalidPopulation_ThrowsNamingField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SingleClickLink(Fiber(1), 1.5));
        Assert.Contains("brightStatePopulation", ex.Message);
    }
}
