using QNet.Kernel;
using QNet.Physics.Hardware;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// Measures each node's memory coherence (M5) the way an operator's test routine would, instead of reporting the
/// configured T2: every <see cref="Interval"/> of simulated time it stores <see cref="Shots"/> test qubits per
/// measurement and reads them after a wait w.
/// <list type="bullet">
/// <item>T2 (Ramsey): prepare |+⟩, wait, measure X; P(+) = (1 + e^(−w/T2)) / 2, so T2 = −w / ln(2p − 1).</item>
/// <item>T1 (relaxation): prepare |1⟩, wait, measure Z; P(1) = e^(−w/T1), so T1 = −w / ln p.</item>
/// </list>
/// The outcomes are Bernoulli draws on the node's own seeded stream (<c>coherence-probe:&lt;node&gt;</c>), so the
/// estimates carry their statistical noise: with 4,000 shots and w near T, the relative standard error is about 4 %
/// (σ_x = 2·√(p(1−p)/N) ≈ 0.015 at p = 0.68, divided by x·|ln x| = e^(−1)). Each wait is the node's last estimate,
/// which keeps w near the true time as it changes (the most informative wait is about one decay time).
/// A memory without decoherence (infinite T) reads infinite.
/// </summary>
internal sealed class CoherenceProbe(Simulator simulator)
{
    /// <summary>Simulated time between two probes of a node.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>Test qubits per measurement (per estimate of T1 or T2).</summary>
    public const int Shots = 4000;

    private readonly Dictionary<string, (RandomStream Random, CoherenceEstimate Nominal, CoherenceEstimate Last)> _nodes = new(StringComparer.Ordinal);
    private SimTime _next = SimTime.Zero;
    private IReadOnlyDictionary<string, CoherenceEstimate> _estimates = new Dictionary<string, CoherenceEstimate>(StringComparer.Ordinal);

    /// <summary>The last estimate per node (a new map after each probe run; read once a step and by every mitigation tick).</summary>
    public IReadOnlyDictionary<string, CoherenceEstimate> Estimates => _estimates;

    /// <summary>True when a probe is due now (<see cref="RunDue"/> would measure).</summary>
    public bool Due => simulator.Now >= _next;

    /// <summary>
    /// Probes every node once per elapsed interval up to now (simulation thread); true when new estimates exist.
    /// <paramref name="nodes"/> gives each node's current memory (faults change it).
    /// </summary>
    public bool RunDue(IEnumerable<(string Id, QuantumMemory Memory)> nodes)
    {
        if (!Due)
        {
            return false;
        }

        var list = nodes.ToList();
        while (_next <= simulator.Now)
        {
            foreach (var (id, memory) in list)
            {
                if (!_nodes.TryGetValue(id, out var state))
                {
                    var nominal = new CoherenceEstimate(memory.T2Seconds, memory.T1Seconds);
                    state = (simulator.StreamFor("coherence-probe:" + id), nominal, nominal);
                }

                var t2 = Estimate(memory.T2Seconds, Wait(state.Last.T2Seconds, state.Nominal.T2Seconds), Shots, state.Random, ramsey: true);
                var t1 = Estimate(memory.T1Seconds, Wait(state.Last.T1Seconds, state.Nominal.T1Seconds), Shots, state.Random, ramsey: false);
                _nodes[id] = (state.Random, state.Nominal, new CoherenceEstimate(t2, t1));
            }

            _next = new SimTime(_next.Picoseconds + SimTime.FromSeconds(Interval.TotalSeconds).Picoseconds);
        }

        _estimates = _nodes.ToDictionary(kv => kv.Key, kv => kv.Value.Last, StringComparer.Ordinal);
        return true;
    }

    /// <summary>
    /// One estimate of a decay time <paramref name="trueSeconds"/> from <paramref name="shots"/> qubits read after
    /// <paramref name="waitSeconds"/>: Ramsey (T2) or relaxation (T1). The surviving share is clamped to
    /// [1/N, 1 − 1/N], so all-decayed or all-surviving outcomes give a finite bound rather than 0 or ∞.
    /// </summary>
    public static double Estimate(double trueSeconds, double waitSeconds, int shots, RandomStream random, bool ramsey)
    {
        if (double.IsPositiveInfinity(trueSeconds))
        {
            return double.PositiveInfinity;
        }

        double survive = Math.Exp(-waitSeconds / trueSeconds);
        double p = ramsey ? (1 + survive) / 2 : survive;
        int hits = random.CountBernoulli(p, shots);
        double share = (double)hits / shots;
        double x = Math.Clamp(ramsey ? (2 * share) - 1 : share, 1.0 / shots, 1 - (1.0 / shots));
        return -waitSeconds / Math.Log(x);
    }

    // The last estimate, kept within [T/100, 10·T] of the node's first (nominal) time so a wild estimate cannot park the wait
    // where the qubits have all decayed or none has.
    private static double Wait(double last, double nominal) =>
        double.IsPositiveInfinity(nominal) ? 1 : Math.Clamp(double.IsFinite(last) ? last : nominal, nominal / 100, nominal * 10);
}

/// <summary>Measured coherence of one node's memory, in seconds.</summary>
internal readonly record struct CoherenceEstimate(double T2Seconds, double T1Seconds);
