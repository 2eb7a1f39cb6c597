using QNet.Kernel;
using QNet.Network.Scenarios;
using QNet.Network.Switching;

namespace QNet.Network.Tests.Switching;

/// <summary>Buffer occupancy, loss, cut-off, request waiting times and the policies' choices, against closed forms.</summary>
public sealed class SwitchBufferTests
{
    [Fact]
    public void Run_NoRequestsWithLoss_OccupancyIsErlangLoss()
    {
        // Without requests each buffer is an M/M/B/B queue (arrivals μ, each stored qubit leaves at rate α):
        // occupancy is Poisson(ρ = μ/α) truncated at B, mean ρ(1 − E_B(ρ)) with E_B Erlang's loss formula.
        double[] rates = [2.0, 0.5];
        const int buffer = 3;
        const double loss = 1.0;
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), []) { Buffer = buffer, LossRateHz = loss };

        double[] exact = [.. rates.Select(mu => ErlangMean(mu / loss, buffer))];
        SwitchStatistics.AssertAgrees(exact, SwitchStatistics.Measure(model, 8, 10_000, SwitchStatistics.Occupancy), 0.01);
    }

    [Fact]
    public void Run_NoRequestsWithCutoff_EveryQubitStaysExactlyTheCutoff()
    {
        // No loss, a buffer that never fills, cut-off c: each qubit is stored exactly c (or until the end T),
        // so the time-averaged occupancy is μ(c·T − c²/2)/T and all but the last c·μ are discarded by the cut-off.
        const double mu = 4, c = 0.75, seconds = 2_000;
        var model = new SwitchModel("s", SwitchStatistics.Leaves(mu, mu), []) { Buffer = 1_000, CutoffSeconds = c };

        double occupancy = mu * (c * seconds - c * c / 2) / seconds;
        SwitchStatistics.AssertAgrees([occupancy, occupancy], SwitchStatistics.Measure(model, 8, seconds, SwitchStatistics.Occupancy), 0.01);
        SwitchReport report = SwitchRun.Run(model, 5, SimTime.FromSeconds(seconds));
        Assert.All(report.Leaves, l => Assert.Equal((0L, 0L), (l.Lost, l.Dropped)));
        Assert.All(report.Leaves, l => Assert.InRange(l.Generated - l.Expired, 0, mu * c * 3));
    }

    [Fact]
    public void Run_BatchOfRequestsBufferOne_MeanWaitIsCycleTimesMeanPosition()
    {
        // N requests at t = 0, B = 1, no loss: after each swap both buffers are empty, so deliveries are a renewal
        // process with cycle max(E1, E2), E[max] = 1/μ1 + 1/μ2 − 1/(μ1+μ2); request m waits m cycles, mean (N+1)/2 of them.
        const double mu1 = 1, mu2 = 2;
        const int n = 200;
        double cycle = 1 / mu1 + 1 / mu2 - 1 / (mu1 + mu2);
        SwitchDemand[] demands = [new("batch", [0, 1]) { Pairs = n }];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(mu1, mu2), demands);

        var measured = SwitchStatistics.Measure(model, 16, n * cycle * 3, r => [r.Demands[0].MeanWaitSeconds, r.Demands[0].Served]);

        SwitchStatistics.AssertAgrees([cycle * (n + 1) / 2], (measured.Mean[..1], measured.Error[..1]));
        Assert.Equal(n, measured.Mean[1]);
    }

    [Fact]
    public void Run_PoissonRequestsFarBelowCapacity_WaitIsShortAndAllServed()
    {
        // Requests at 0.05 Hz on leaves that refill at 5 Hz with B = 4: a request almost always finds both
        // buffers stocked. The chance that one does not is below that of one buffer being empty, which for
        // an arrival 20 s after the last swap is about e^{−100}; so the mean wait is 0 to the picosecond.
        SwitchDemand[] demands = [new("light", [0, 1]) { RateHz = 0.05 }];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(5, 5), demands) { Buffer = 4 };

        SwitchReport report = SwitchRun.Run(model, 3, SimTime.FromSeconds(20_000));

        SwitchDemandReport d = report.Demands[0];
        Assert.InRange(d.Requests, 900, 1_100); // Poisson(1000): ±3.2σ
        Assert.Equal(d.Requests, d.Served);
        Assert.True(d.MeanWaitSeconds < 1e-3, $"mean wait {d.MeanWaitSeconds} s");
    }

    [Theory]
    [InlineData(SwitchPolicy.OldestFirst, 1, 8.6)]
    [InlineData(SwitchPolicy.LongestQueue, 0, 8.5)]
    public void Run_ContestedQubit_PolicyPicksTheRequest(SwitchPolicy policy, int expected, double oldestAge)
    {
        // p = 1 links, B = 3: by t = 9.5 s leaf n1 (every 1 s) holds qubits from 1, 2, 3 s and leaf n2 (every 0.9 s)
        // from 0.9, 1.8, 2.7 s; equal queues. n0's first qubit at 9.5 s can serve n0–n1 (d0) or n0–n2 (d1):
        // oldest-first takes n2's older qubit (d1); longest-queue sees a tie and takes the first request (d0).
        SwitchLeaf[] leaves =
        [
            new("n0", "l0", 1, SimTime.FromSeconds(9.5)),
            new("n1", "l1", 1, SimTime.FromSeconds(1)),
            new("n2", "l2", 1, SimTime.FromSeconds(0.9)),
        ];
        var model = new SwitchModel("s", leaves, SwitchStatistics.AlwaysOn([0, 1], [0, 2])) { Buffer = 3, Policy = policy };

        SwitchReport report = SwitchRun.Run(model, 1, SimTime.FromSeconds(9.6));

        Assert.Equal(1, report.Demands[expected].Served);
        Assert.Equal(0, report.Demands[1 - expected].Served);
        // The leaf's oldest qubit is the one swapped (ages oldestAge and 0 s, averaged over the two qubits).
        Assert.Equal(oldestAge / 2, report.Demands[expected].MeanQubitAgeSeconds, 9);
        Assert.Equal((1L, 1L - expected, (long)expected), (report.Leaves[0].Used, report.Leaves[1].Used, report.Leaves[2].Used));
    }

    private static double ErlangMean(double rho, int buffer)
    {
        double term = 1, sum = 1;
        for (int j = 1; j <= buffer; j++)
        {
            term *= rho / j;
            sum += term;
        }
        return rho * (1 - term / sum);
    }
}
