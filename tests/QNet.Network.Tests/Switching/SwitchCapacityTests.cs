using QNet.Network.Scenarios;
using QNet.Network.Switching;

namespace QNet.Network.Tests.Switching;

/// <summary>
/// The switch against an exact continuous-time Markov chain of its buffer occupancies
/// (<see cref="SwitchMarkovChain"/>, solved here) and against closed forms: capacity per request and
/// mean occupancy per leaf, for homogeneous and heterogeneous leaf rates, finite buffers and loss.
/// Tolerance: five standard errors over 8 independent seeded runs (docs/physics.md, "Quantum switch").
/// </summary>
public sealed class SwitchCapacityTests
{
    private const int Runs = 8;

    public static TheoryData<double[], int, double> AllPairsCases() => new()
    {
        { [1.0, 1.0, 1.0], 1, 0.0 },            // homogeneous, B = 1, no loss
        { [1.0, 1.0, 1.0], 3, 0.5 },            // homogeneous, finite buffer, loss
        { [1.0, 2.0, 0.5, 1.5], 2, 0.3 },       // heterogeneous, four leaves
        { [3.0, 1.0, 0.5], 4, 0.2 },            // one dominant leaf: its buffer fills
        { [2.0, 1.0], 3, 1.0 },                 // two leaves, heavy loss
    };

    [Theory]
    [MemberData(nameof(AllPairsCases))]
    public void Run_AlwaysOnAllPairs_MatchesMarkovChain(double[] rates, int buffer, double lossRate)
    {
        SwitchDemand[] demands = SwitchStatistics.AllPairs(rates.Length);
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), demands) { Buffer = buffer, LossRateHz = lossRate };
        var chain = new SwitchMarkovChain(rates, [.. demands.Select(d => d.Leaves.ToArray())], buffer, lossRate).Solve();

        double seconds = 40_000 / rates.Sum();
        SwitchStatistics.AssertAgrees([chain.Capacity.Sum()], SwitchStatistics.Measure(model, Runs, seconds, r => [r.PairsPerSecond]), 0.01);
        SwitchStatistics.AssertAgrees(chain.Capacity, SwitchStatistics.Measure(model, Runs, seconds, SwitchStatistics.Capacity), 0.05);
        SwitchStatistics.AssertAgrees(chain.MeanOccupancy, SwitchStatistics.Measure(model, Runs, seconds, SwitchStatistics.Occupancy), 0.05);
    }

    [Fact]
    public void Run_LongestQueueWithRequestsSharingALeaf_MatchesMarkovChain()
    {
        // Requests n0–n1 and n0–n2 compete for n0's qubits; n1 and n2 are never swapped together, so both buffers fill.
        double[] rates = [2.0, 0.7, 1.1];
        int[][] leaves = [[0, 1], [0, 2]];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), SwitchStatistics.AlwaysOn(leaves)) { Buffer = 3, LossRateHz = 0.4, Policy = SwitchPolicy.LongestQueue };
        var chain = new SwitchMarkovChain(rates, leaves, 3, 0.4).Solve();

        SwitchStatistics.AssertAgrees(chain.Capacity, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Capacity));
        SwitchStatistics.AssertAgrees(chain.MeanOccupancy, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Occupancy));
    }

    [Fact]
    public void Run_WeightedPolicy_SplitsContestedQubitsByWeight()
    {
        double[] rates = [2.0, 1.5, 1.5];
        int[][] leaves = [[0, 1], [0, 2]];
        SwitchDemand[] demands = [new("d0", leaves[0]) { Weight = 1 }, new("d1", leaves[1]) { Weight = 4 }];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), demands) { Buffer = 2, LossRateHz = 0.5, Policy = SwitchPolicy.Weighted };
        var chain = new SwitchMarkovChain(rates, leaves, 2, 0.5, weighted: true, weights: [1, 4]).Solve();

        SwitchStatistics.AssertAgrees(chain.Capacity, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Capacity));
        SwitchStatistics.AssertAgrees(chain.MeanOccupancy, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Occupancy));
    }

    [Fact]
    public void Run_GhzAndPairRequests_MatchesMarkovChain()
    {
        // A three-party GHZ request (fusing one qubit of each leaf) beside a pair request on two of its leaves.
        double[] rates = [1.0, 1.5, 0.8];
        int[][] leaves = [[0, 1, 2], [0, 1]];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), SwitchStatistics.AlwaysOn(leaves)) { Buffer = 3, LossRateHz = 0.25, Policy = SwitchPolicy.LongestQueue };
        var chain = new SwitchMarkovChain(rates, leaves, 3, 0.25).Solve();

        SwitchStatistics.AssertAgrees(chain.Capacity, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Capacity));
        SwitchStatistics.AssertAgrees(chain.MeanOccupancy, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Occupancy), 0.04);
    }

    public static TheoryData<double[]> UnboundedCases() => new()
    {
        { [1.0, 1.0, 1.0, 1.0] },     // homogeneous: Σμ/2 = 2
        { [2.0, 1.0, 1.0, 1.0] },     // max < rest: Σμ/2 = 2.5
        { [5.0, 1.0, 1.0] },          // max > rest: Σμ − max = 2
    };

    [Theory]
    [MemberData(nameof(UnboundedCases))]
    public void Run_UnboundedBufferNoLoss_MatchesClosedForm(double[] rates)
    {
        // B = ∞ (a buffer far above any occupancy reached), no decoherence, always-on requests between every pair:
        // capacity = min(Σμ/2, Σμ − max μ) (Vardoyan, Guha, Nain, Towsley; docs/physics.md).
        double capacity = Math.Min(rates.Sum() / 2, rates.Sum() - rates.Max());
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), SwitchStatistics.AllPairs(rates.Length)) { Buffer = 1_000_000 };

        SwitchStatistics.AssertAgrees([capacity], SwitchStatistics.Measure(model, Runs, 5_000, r => [r.PairsPerSecond]), 0.01);
    }

    [Fact]
    public void Run_SwapSuccessProbability_ScalesCapacityByIt()
    {
        double[] rates = [1.0, 1.0, 1.0];
        var model = new SwitchModel("s", SwitchStatistics.Leaves(rates), SwitchStatistics.AllPairs(3)) { Buffer = 2, LossRateHz = 0.5, SwapSuccessProbability = 0.6 };
        var chain = new SwitchMarkovChain(rates, [.. SwitchStatistics.AllPairs(3).Select(d => d.Leaves.ToArray())], 2, 0.5).Solve();

        // A failed swap consumes the qubits like a successful one, so occupancies are unchanged and delivery is q times the swap rate.
        SwitchStatistics.AssertAgrees([0.6 * chain.Capacity.Sum()], SwitchStatistics.Measure(model, Runs, 10_000, r => [r.PairsPerSecond]), 0.01);
        SwitchStatistics.AssertAgrees(chain.MeanOccupancy, SwitchStatistics.Measure(model, Runs, 10_000, SwitchStatistics.Occupancy));
    }
}
