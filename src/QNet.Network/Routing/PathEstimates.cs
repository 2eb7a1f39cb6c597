using QNet.Network.Entanglement;
using QNet.Network.Scenarios;
using QNet.Physics.Hardware;
using QNet.Physics.Purification;
using QNet.Physics.States;

namespace QNet.Network.Routing;

/// <summary>Turns routes into path definitions, and estimates what a path can deliver (for admission).</summary>
internal static class PathEstimates
{
    /// <summary>The protocol's view of a route.</summary>
    public static PathDefinition Define(Topology topology, RoutePath route)
    {
        var nodes = route.Nodes.Select(id => topology.Nodes[id]).ToArray();
        return new PathDefinition(
            route.Nodes,
            route.Links.Select(l => l.Id).ToArray(),
            route.Links.Select(LinkModelFactory.Create).ToArray(),
            nodes.Select(n => n.Memory).ToArray(),
            nodes.Select(n => n.Swap?.Measurement ?? BellStateMeasurement.Ideal).ToArray(),
            route.Links.Select(l => l.OneWayDelaySeconds).ToArray())
        {
            ProcessingDelaysSeconds = nodes.Any(n => n.ProcessingDelaySeconds > 0) ? nodes.Select(n => n.ProcessingDelaySeconds).ToArray() : [],
        };
    }

    /// <summary>Nested when every repeater on the route asks for nested swapping; asap otherwise.</summary>
    public static bool IsNested(Topology topology, RoutePath route)
    {
        var repeaters = route.Nodes.Skip(1).SkipLast(1).Select(id => topology.Nodes[id]).ToArray();
        return repeaters.Length > 0 && repeaters.All(n => n.Swap?.Protocol == SwapProtocol.Nested);
    }

    /// <summary>
    /// Fidelity of an end-to-end pair made from each link's heralded pair (decohered over its herald wait),
    /// swapped with each repeater's measurement, then purified as the policy says, ignoring time spent
    /// waiting in memories: an upper estimate, so a refusal on it is certain.
    /// </summary>
    public static double Fidelity(Topology topology, RoutePath route, PurificationSpec? purification)
    {
        BellDiagonalState state = default;
        for (int j = 0; j < route.Links.Count; j++)
        {
            LinkSpec link = route.Links[j];
            var physics = topology.PhysicsOf(link);
            QuantumMemory a = topology.Nodes[route.Nodes[j]].Memory, b = topology.Nodes[route.Nodes[j + 1]].Memory;
            BellDiagonalState linkState = physics.HeraldedState
                .Decohere(physics.WaitA.Seconds, a.T1Seconds, a.T2Seconds)
                .Decohere(physics.WaitB.Seconds, b.T1Seconds, b.T2Seconds);
            if (purification is { Scope: PurificationScope.Link })
            {
                linkState = Purified(linkState, purification);
            }
            state = j == 0 ? linkState
                : (topology.Nodes[route.Nodes[j]].Swap?.Measurement ?? BellStateMeasurement.Ideal).Swap(state, linkState);
        }
        return purification is { Scope: PurificationScope.EndToEnd } ? Purified(state, purification).Fidelity : state.Fidelity;
    }

    // The best state the policy's rounds reach from copies of one state (no failures, no waiting).
    private static BellDiagonalState Purified(BellDiagonalState state, PurificationSpec purification)
    {
        BellDiagonalState fresh = state, best = state;
        for (int r = 0; r < purification.Rounds; r++)
        {
            BellDiagonalState partner = purification.Mode == PurificationMode.Pumping ? fresh : state;
            state = (purification.Scheme == PurificationScheme.Dejmps ? DejmpsPurification.Apply(state, partner) : BbpsswPurification.Apply(state, partner)).State;
            if (state.Fidelity > best.Fidelity)
            {
                best = state;
            }
        }
        return best;
    }

    /// <summary>
    /// Rough end-to-end pairs per second of one lane: the expected maximum of the links' geometric waits
    /// (≈ H_n / −ln(1 − p_min) + ½ rounds of the slowest attempt), divided by the chance that every swap
    /// succeeds. Used only to size a session's memory for a requested rate.
    /// </summary>
    public static double LaneRateHz(Topology topology, RoutePath route)
    {
        int n = route.Links.Count;
        double pMin = route.Links.Min(l => topology.PhysicsOf(l).SuccessProbability);
        double tau = route.Links.Max(l => topology.PhysicsOf(l).AttemptDuration.Seconds);
        double harmonic = Enumerable.Range(1, n).Sum(k => 1.0 / k);
        double rounds = pMin >= 1 ? 1 : harmonic / -Math.Log(1 - pMin) + 0.5;
        double swaps = route.Nodes.Skip(1).SkipLast(1).Aggregate(1.0, (acc, id) => acc * (topology.Nodes[id].Swap?.Measurement.SuccessProbability ?? 1));
        return swaps / (rounds * tau + route.Links.Sum(l => l.OneWayDelaySeconds));
    }
}
