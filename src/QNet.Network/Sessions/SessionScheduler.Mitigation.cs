using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

/// <summary>What a mitigation can ask of the scheduler: avoid a link or node, and revise a running session's request.</summary>
public sealed partial class SessionScheduler
{
    /// <summary>Links and nodes new and moved sessions keep off when another path serves them.</summary>
    public IReadOnlySet<string> Avoided => _admission.Avoided;

    /// <summary>
    /// New and moved sessions avoid the link or node <paramref name="id"/> (an end node only for other sessions); running
    /// sessions through it move to the best link-disjoint candidate path that avoids it. A session with no such path
    /// stays where it is (avoidance degrades gracefully). Returns the ids of the sessions moved; empty when it was
    /// already avoided.
    /// </summary>
    public IReadOnlyList<string> Avoid(string id)
    {
        if (!Topology.Links.ContainsKey(id) && !Topology.Nodes.ContainsKey(id))
        {
            throw new ArgumentException($"unknown link or node '{id}'.", nameof(id));
        }
        if (!_admission.Avoided.Add(id))
        {
            return [];
        }
        var moved = new List<string>();
        foreach (Session session in _admitted.Values.Where(s => s.Serving && Uses(s, id)).ToArray())
        {
            SessionSpec spec = session.Request;
            IEnumerable<string> members = spec.Application == SessionApplication.Ghz ? spec.Parties.Append(spec.Destination) : new[] { spec.Destination };
            if (members.All(m => _admission.HasAvoidingRoute(spec.Source, m)) && Move(session, session.Request, reroute: true))
            {
                moved.Add(spec.Id);
            }
        }
        return moved;
    }

    /// <summary>The link or node may be used again by new and moved sessions (running ones stay where they are); false if it was not avoided.</summary>
    public bool Unavoid(string id) => _admission.Avoided.Remove(id);

    /// <summary>
    /// Runs a running session on a revised request from now on (more purification rounds, a shorter cutoff; same id and
    /// ends): it stops, is decided again and restarts. When the revised request cannot be admitted (more memory than is
    /// free) it restarts on its old one. Returns true when it runs on the revision.
    /// </summary>
    public bool Revise(string sessionId, SessionSpec revised)
    {
        ArgumentNullException.ThrowIfNull(revised);
        if (!_admitted.TryGetValue(sessionId, out Session? session) || !session.Serving)
        {
            return false;
        }
        if (revised.Id != sessionId || revised.Source != session.Request.Source || revised.Destination != session.Request.Destination)
        {
            throw new ArgumentException("a revision keeps the session's id and ends.", nameof(revised));
        }
        return Move(session, revised, reroute: false);
    }

    /// <summary>Running sessions with the nodes and links of their paths (for signals per node or link).</summary>
    public IEnumerable<(string Id, IReadOnlyList<string> Nodes, IReadOnlyList<string> Links)> ServedPaths =>
        _admitted.Values.Where(s => s.Serving).SelectMany(s => s.Runtime!.Paths.Select(p => (s.Id, p.Path.Nodes, p.Path.LinkIds)));

    /// <summary>A running session's pairs delivered and pairs discarded below its fidelity target so far; null when it is not running.</summary>
    public (long Delivered, long BelowTarget)? TargetCounts(string sessionId) =>
        _admitted.TryGetValue(sessionId, out Session? s) && s.Serving ? (s.Runtime!.Delivered.Count, s.Runtime.BelowTarget) : null;

    /// <summary>The request a running session now runs on (after revisions); null when it is not running.</summary>
    public SessionSpec? RequestOf(string sessionId) => _admitted.TryGetValue(sessionId, out Session? s) && s.Serving ? s.Request : null;

    private static bool Uses(Session session, string id) =>
        session.Runtime!.Paths.Any(p => p.Path.LinkIds.Contains(id) || (p.Path.Nodes.Contains(id) && id != session.Request.Source && id != session.Request.Destination));

    // Stops the session and decides it again on `request`; falls back to its old request, and fails it (as a link
    // fault does) only when neither can run now. A degraded session may also run on either below its target (the
    // revision first: more purification raises what it gets even when it stays short); it is then still degraded.
    private bool Move(Session session, SessionSpec request, bool reroute)
    {
        SessionSpec previous = session.Request;
        bool degraded = session.Degraded;
        session.Release(_free);
        session.Runtime!.Stop();
        session.Revise(request);
        AdmissionDecision again = _admission.Decide(request);
        AdmissionDecision strict = again;
        if (!again.Admitted && degraded)
        {
            again = _admission.Decide(request, belowTarget: true);
        }
        bool revised = again.Admitted;
        if (!again.Admitted && !ReferenceEquals(request, previous))
        {
            session.Revise(previous);
            again = strict = _admission.Decide(previous);
            if (!again.Admitted && degraded)
            {
                again = _admission.Decide(previous, belowTarget: true);
            }
        }
        if (again.Admitted && !strict.Admitted)
        {
            session.Degrade(again, reroute, strict.Reason ?? "its path no longer reaches its fidelity target");
            StartOn(session, again);
            Notify(session, SessionChange.Degraded);
            return revised;
        }
        if (!again.Admitted)
        {
            session.Stopped(_sim.Now.Picoseconds);
            session.Finish(SessionOutcome.Failed, $"moved by a mitigation and no path serves it: {again.Reason}");
            Notify(session, SessionChange.Failed);
            Finished(session);
            return false;
        }
        session.Readmit(again, reroute);
        StartOn(session, again);
        Notify(session, reroute ? SessionChange.Rerouted : SessionChange.Restarted);
        return revised;
    }
}
