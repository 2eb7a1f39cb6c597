using QNet.Network.Entanglement;
using QNet.Network.Routing;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>
/// Decides whether a session can be served now, and with what: its path(s) from the router, the
/// fidelity the path can deliver without memory waiting (an upper bound, so a refusal is certain), and
/// the memory to reserve from what is free. Every refusal carries its reason.
/// </summary>
internal sealed partial class SessionAdmission(Topology topology, Router router, IReadOnlyDictionary<string, int> free)
{
    private Topology Topology => topology;

    /// <summary>
    /// Decides <paramref name="spec"/> now. With <paramref name="belowTarget"/> (an admitted session whose path a fault
    /// changed) a path that cannot reach the fidelity target is still accepted, so the session keeps serving degraded;
    /// routing and memory are checked as for a new request. New requests are always decided without it.
    /// </summary>
    public AdmissionDecision Decide(SessionSpec spec, bool belowTarget = false)
    {
        var members = spec.Application == SessionApplication.Ghz
            ? new[] { spec.Destination }.Concat(spec.Parties).ToArray()
            : [spec.Destination];
        var routes = new List<RoutePath>();
        foreach (string member in members)
        {
            RoutePath? route = Route(spec, member);
            if (route is null)
            {
                return AdmissionDecision.Refuse($"no working path from {spec.Source} to {member}");
            }
            routes.Add(route);
        }

        double expected = routes.Min(r => PathEstimates.Fidelity(Topology, r, spec.Purification));
        if (expected < spec.MinFidelity && !belowTarget)
        {
            return AdmissionDecision.Refuse(
                $"fidelity target {spec.MinFidelity:G4} is above the {expected:G4} that path {routes[0]} can deliver even without memory waiting",
                expected);
        }

        // Memory: a repeater on a path needs slots on both sides, an end node slots for the pairs it
        // keeps (more when it purifies). The hub of a GHZ session is an end of every path.
        var repeaterUses = new Dictionary<string, int>();
        var endUses = new Dictionary<string, int>();
        foreach (RoutePath route in routes)
        {
            for (int i = 0; i < route.Nodes.Count; i++)
            {
                var uses = i == 0 || i == route.Nodes.Count - 1 ? endUses : repeaterUses;
                uses[route.Nodes[i]] = uses.GetValueOrDefault(route.Nodes[i]) + 1;
            }
        }
        // Purifying keeps several pairs at the ends of what is purified: the path's ends (end-to-end
        // scope) or every link's ends (link scope, so repeaters need as many per side).
        int endNeed = spec.Purification is { } pur ? PurificationBuffer.EndSlotsNeeded(pur) : 1;
        int sideNeed = spec.Purification is { Scope: PurificationScope.Link } ? endNeed : 1;
        foreach (var (node, uses) in endUses)
        {
            if (free[node] < endNeed * uses)
            {
                return AdmissionDecision.Refuse(endNeed == 1
                    ? $"no free memory at node {node} ({free[node]} slot(s) free, {uses} needed)"
                    : $"purification needs {endNeed} memory slots at node {node} but {free[node]} are free", expected);
            }
        }
        int perSide = int.MaxValue;
        foreach (var (node, uses) in repeaterUses)
        {
            int room = free[node] / (2 * uses);
            if (room < sideNeed)
            {
                return AdmissionDecision.Refuse(sideNeed == 1
                    ? $"no free memory at repeater {node} ({free[node]} slot(s) free, 2 needed)"
                    : $"link purification needs {2 * sideNeed * uses} memory slots at repeater {node} but {free[node]} are free", expected);
            }
            perSide = Math.Min(perSide, room);
        }
        int endRoom = endUses.Min(kv => free[kv.Key] / kv.Value);

        // memorySlots reserves exactly that; otherwise a session takes the least memory it can work with, so
        // it never starves later requests, and a rate sizes its memory from the path's estimated rate per slot.
        int slots = 1;
        int most = Math.Min(perSide == int.MaxValue ? endRoom : perSide, endRoom);
        if (spec.MemorySlots is { } asked)
        {
            if (asked > most)
            {
                return AdmissionDecision.Refuse($"asked for {asked} memory slots per link end but path {routes[0]} has room for {most}", expected);
            }
            slots = asked;
        }
        else if (spec.RateHz is { } rate)
        {
            double perSlotRate = routes.Min(r => PathEstimates.LaneRateHz(Topology, r));
            if (most * perSlotRate < 0.5 * rate)
            {
                return AdmissionDecision.Refuse(
                    $"requested {rate:G4} pairs/s but the free memory on path {routes[0]} supports about {most * perSlotRate:G3} pairs/s", expected);
            }
            slots = Math.Clamp((int)Math.Ceiling(rate / perSlotRate * 1.25), 1, most);
        }
        var memory = new PathMemory(Math.Max(endNeed, slots), Math.Max(sideNeed, slots), spec.Pipelining);
        return new AdmissionDecision(true, null, routes, memory, expected);
    }

}
