using QNet.Kernel;
using QNet.Network.Entanglement;
using QNet.Network.Generators;
using QNet.Network.Routing;
using QNet.Network.Scenarios;
using QNet.Network.Simulation;

namespace QNet.Network.Planning;

/// <summary>
/// Compares repeater-chain designs over a distance (docs/planning.md). Each design is priced from the
/// cost model, generated as a chain scenario (<see cref="TopologyGenerator"/>) with one session
/// between the ends at the target fidelity, estimated analytically (<see cref="Router.Evaluate"/>),
/// pruned when the estimate shows it cannot deliver, and otherwise simulated; every (design, run)
/// runs in parallel and run r of every design takes the same derived seed, so results do not depend
/// on the number of threads.
/// </summary>
public static class Planner
{
    /// <summary>Expected pairs in the simulated time below which a design is pruned as too slow to measure.</summary>
    public const double MinExpectedPairs = 0.05;

    /// <summary>Prices, estimates and simulates every design of <paramref name="request"/>.</summary>
    /// <param name="progress">Receives (task index = design × runs + run, fraction done of that task).</param>
    public static PlanResult Run(PlanRequest request, CostModel costs, int maxDegreeOfParallelism = -1,
        Action<int, double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costs);
        IReadOnlyList<PlanDesign> designs = request.Designs();
        var prepared = designs.Select(d => Prepare(request, costs, d)).ToArray();

        int runs = request.Runs;
        var reports = new double[designs.Count * runs][];
        var failures = new string?[designs.Count];
        var duration = SimTime.FromSeconds(request.DurationSeconds);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, reports.Length, options, task =>
        {
            int d = task / runs, r = task % runs;
            if (prepared[d].Scenario is not { } scenario)
            {
                progress?.Invoke(task, 1);
                return;
            }
            IProgress<double>? sink = progress is null ? null : new Sink(f => progress(task, f));
            try
            {
                RunResult result = NetworkRun.Run(scenario, ReplicationRunner.SeedOf(request.Seed, r, runs), duration, cancellationToken: cancellationToken, progress: sink);
                var session = result.Sessions[0];
                reports[task] = [session.Pairs / request.DurationSeconds, session.Pairs > 0 ? session.MeanFidelity : double.NaN];
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                failures[d] = e.Message;
            }
        });

        var rows = new List<PlanRow>();
        for (int d = 0; d < designs.Count; d++)
        {
            PlanRow row = prepared[d].Row;
            if (row.Status == PlanStatus.Simulated && failures[d] is { } failure)
            {
                row = row with { Status = PlanStatus.Failed, Reason = failure };
            }
            else if (row.Status == PlanStatus.Simulated)
            {
                var rate = Estimate.Of(Enumerable.Range(0, runs).Select(r => reports[d * runs + r][0]));
                var fidelity = Estimate.Of(Enumerable.Range(0, runs).Select(r => reports[d * runs + r][1]));
                row = row with
                {
                    UsableRateHz = rate,
                    MeanFidelity = fidelity,
                    CostPerPair = rate.Mean > 0 ? row.YearlyCost / (rate.Mean * CostModel.SecondsPerYear) : double.PositiveInfinity,
                };
            }
            rows.Add(row);
        }
        rows = MarkPareto(rows);
        PlanRow? best = rows
            .Where(r => r.Status == PlanStatus.Simulated && r.UsableRateHz.Mean > 0 && r.UsableRateHz.Mean >= request.MinRateHz)
            .OrderBy(r => r.CostPerPair).ThenBy(r => r.CapitalCost).FirstOrDefault();
        return new PlanResult(request, costs, rows, best);
    }

    /// <summary>Capital cost and yearly cost of a design; null with the reason when the cost model has no class for it.</summary>
    public static (double Capital, double Yearly, string? Error) Price(PlanRequest request, CostModel costs, PlanDesign design)
    {
        double km = request.DistanceMetres / 1000;
        if (costs.FiberPerKm(design.AttenuationDbPerKm) is not { } perKm)
        {
            return (double.NaN, double.NaN, $"the cost model has no fiber class at or below {design.AttenuationDbPerKm} dB/km");
        }
        if (costs.MemorySlotPrice(design.T2Seconds) is not { } perSlot)
        {
            return (double.NaN, double.NaN, $"the cost model has no memory class with T2 of {design.T2Seconds} s or more");
        }
        int n = design.Repeaters, spl = SlotsPerLink(request, design);
        // Purification buffers pairs at the two ends only; repeaters keep their per-link slots.
        int slots = 2 * spl + n * 2 * request.MemorySlotsPerLink;
        int detectors = DetectorsPerLink(request.Heralding) * (n + 1);
        double capital = km * perKm + n * costs.Repeater + 2 * costs.EndNode + slots * perSlot + detectors * costs.Detector;
        double yearly = capital / costs.LifetimeYears + costs.OperatingBasePerYear + n * costs.OperatingPerRepeaterPerYear + km * costs.OperatingPerKmPerYear;
        return (capital, yearly, null);
    }

    /// <summary>The generated chain of a design (end nodes alice and bob, session s1 between them).</summary>
    public static TopologySpec ChainOf(PlanRequest request, PlanDesign design) => new(TopologyShape.Chain)
    {
        Name = "plan",
        Seed = request.Seed,
        DurationSeconds = request.DurationSeconds,
        Nodes = design.Repeaters + 2,
        SpanMetres = request.DistanceMetres / (design.Repeaters + 1),
        AttenuationDbPerKm = design.AttenuationDbPerKm,
        Heralding = request.Heralding,
        BrightStatePopulation = request.BrightStatePopulation,
        DetectorEfficiency = request.DetectorEfficiency,
        MemorySlotsPerLink = SlotsPerLink(request, design),
        T2Seconds = design.T2Seconds,
        SwapSuccess = request.SwapSuccess,
        GateDepolarizing = request.GateDepolarizing,
        Session = true,
        SessionMinFidelity = request.TargetFidelity,
        SessionPurification = design.Purification,
        SessionCutoffSeconds = request.CutoffSeconds,
    };

    private static (PlanRow Row, Scenario? Scenario) Prepare(PlanRequest request, CostModel costs, PlanDesign design)
    {
        var row = new PlanRow(design, PlanStatus.Simulated, null, double.NaN, double.NaN, double.NaN, double.NaN,
            new Estimate(double.NaN, double.NaN), new Estimate(double.NaN, double.NaN), double.PositiveInfinity, false);
        var (capital, yearly, priceError) = Price(request, costs, design);
        row = row with { CapitalCost = capital, YearlyCost = yearly };
        if (priceError is not null)
        {
            return (row with { Status = PlanStatus.Failed, Reason = priceError }, null);
        }
        ScenarioLoadResult loaded;
        try
        {
            loaded = ScenarioLoader.Parse(TopologyGenerator.Generate(ChainOf(request, design)), "plan");
        }
        catch (ArgumentException e)
        {
            return (row with { Status = PlanStatus.Failed, Reason = e.Message }, null);
        }
        if (loaded.Scenario is not { } scenario)
        {
            return (row with { Status = PlanStatus.Failed, Reason = loaded.Errors[0].ToString() }, null);
        }
        var router = new Router(new Topology(scenario));
        RoutePath path = router.ShortestPath("alice", "bob") ?? throw new InvalidOperationException("a generated chain is connected.");
        PathMetric metric = router.Evaluate(path, request.TargetFidelity, design.Purification);
        // A session without a rate takes one slot per repeater side and what its purification needs at the
        // ends (rounds + 1 for recurrence, 2 for pumping); the estimate ignores purification failures,
        // so it is an overestimate for purifying designs.
        double estimatedRate = metric.ExpectedRateHz;
        row = row with { EstimatedFidelity = metric.ExpectedFidelity, EstimatedRateHz = estimatedRate };
        if (!metric.MeetsTarget)
        {
            return (row with { Status = PlanStatus.Pruned, Reason = $"estimated fidelity {metric.ExpectedFidelity:0.###} is below the target even without memory waits" }, null);
        }
        if (estimatedRate * request.DurationSeconds * request.Runs < MinExpectedPairs)
        {
            return (row with { Status = PlanStatus.Pruned, Reason = $"estimated {estimatedRate:0.###e0} pairs/s: too few to measure in {request.DurationSeconds} s" }, null);
        }
        return (row, scenario);
    }

    private static List<PlanRow> MarkPareto(List<PlanRow> rows)
    {
        bool Delivers(PlanRow r) => r.Status == PlanStatus.Simulated && r.UsableRateHz.Mean > 0;
        return rows.Select(r => r with
        {
            Pareto = Delivers(r) && !rows.Any(o => Delivers(o) && !ReferenceEquals(o, r)
                && o.UsableRateHz.Mean >= r.UsableRateHz.Mean && o.CostPerPair <= r.CostPerPair
                && (o.UsableRateHz.Mean > r.UsableRateHz.Mean || o.CostPerPair < r.CostPerPair)),
        }).ToList();
    }

    private static int SlotsPerLink(PlanRequest request, PlanDesign design) =>
        Math.Max(request.MemorySlotsPerLink, design.Purification is { } p ? PurificationBuffer.EndSlotsNeeded(p) : 1);

    private static int DetectorsPerLink(HeraldingScheme scheme) => scheme switch
    {
        HeraldingScheme.Direct => 1,
        HeraldingScheme.Probabilistic => 0,
        _ => 2,
    };

    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
