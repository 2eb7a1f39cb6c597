namespace QNet.Network.Sessions;

public sealed partial class SessionScheduler
{
    /// <summary>Ids of the sessions serving now (running or degraded), in admission order.</summary>
    public IEnumerable<string> ServingIds => _admitted.Values.Where(s => s.Serving).Select(s => s.Id);

    /// <summary>
    /// Marks a serving session degraded where it runs, for <paramref name="reason"/>: its path keeps running and its pairs
    /// below target keep being counted missed (a slow drift, which retunes links in place, so no admission re-decides it).
    /// False when it is not serving or already degraded.
    /// </summary>
    public bool MarkDegraded(string sessionId, string reason)
    {
        if (!_admitted.TryGetValue(sessionId, out Session? s) || !s.Serving || s.Degraded)
        {
            return false;
        }
        s.Degrade(s.Decision!, reroute: false, reason);
        Notify(s, SessionChange.Degraded);
        return true;
    }

    /// <summary>Marks a degraded, serving session running again where it runs (<see cref="SessionChange.Recovered"/>); false otherwise.</summary>
    public bool MarkRecovered(string sessionId)
    {
        if (!_admitted.TryGetValue(sessionId, out Session? s) || !s.Serving || !s.Degraded)
        {
            return false;
        }
        s.Readmit(s.Decision!, reroute: false);
        Notify(s, SessionChange.Recovered);
        return true;
    }
}
