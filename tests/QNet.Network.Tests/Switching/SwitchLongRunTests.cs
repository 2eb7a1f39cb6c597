using QNet.Kernel;
using QNet.Network.Switching;

namespace QNet.Network.Tests.Switching;

/// <summary>A switch run over the longest scenario duration (100 days, the clock spans about 106): generation and
/// exponential loss keep their rates to the end (no step stops at an arbitrary fraction of the clock's range).</summary>
public class SwitchLongRunTests
{
    [Fact]
    public void Run_HundredDays_GenerationAndLossFollowTheirRatesToTheEnd()
    {
        const double mu = 1e-3, lambda = 1e-7, seconds = 100 * 86_400.0;
        // No requests and room for every qubit: each leaf generates at μ, and a qubit made at t is lost by T with
        // probability 1 − e^{−λ(T−t)}, so the expected losses are μ·(T − (1 − e^{−λT})/λ).
        var model = new SwitchModel("s", SwitchStatistics.Leaves(mu, mu), []) { Buffer = 100_000, LossRateHz = lambda };
        SwitchReport report = SwitchRun.Run(model, 3, SimTime.FromSeconds(seconds));

        double generated = mu * seconds;
        double lost = mu * (seconds - ((1 - Math.Exp(-lambda * seconds)) / lambda));
        Assert.All(report.Leaves, l =>
        {
            // Poisson counts: five standard deviations (√n) either side.
            Assert.InRange(l.Generated, generated - (5 * Math.Sqrt(generated)), generated + (5 * Math.Sqrt(generated)));
            Assert.InRange(l.Lost, lost - (5 * Math.Sqrt(lost)), lost + (5 * Math.Sqrt(lost)));
            Assert.Equal(0, l.Dropped);
        });
    }
}
