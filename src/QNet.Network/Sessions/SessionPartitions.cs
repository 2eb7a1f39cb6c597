using QNet.Kernel;

namespace QNet.Network.Sessions;

/// <summary>
/// The group clock of the session partitions and the shared simulator. Advancing to a target, it repeatedly takes
/// t = min(the shared simulator's next event, target), runs every partition to t (on up to <see cref="Threads"/> threads;
/// each partition alone on one of them), hands the requests met in the partitions to the shared simulator as events at
/// their true times (before anything else at that instant), replays the partitions' records up to the shared simulator's
/// next event in time order (ties in partition order, that is session order), merges what their partition observers kept
/// (<see cref="IPartitionObserver.Merge"/>), then runs the shared simulator's events at that instant. The partitions are fixed by the model, never by the thread count, and each runs alone, so the run is
/// the same on any number of threads.
/// </summary>
internal sealed class SessionPartitions
{
    private readonly List<SessionPartition> _live = []; // in session order (indexes only grow)
    private readonly Action<Session, SimTime> _requestMet;
    private readonly PartitionCrew _crew = new();
    private long _retiredEvents;

    /// <param name="requestMet">
    /// Schedules on the shared simulator the end of a session whose request was met in its partition, at that time (not
    /// before the shared simulator's now: the partitions ran from there), first among the events of that instant.
    /// </param>
    public SessionPartitions(Action<Session, SimTime> requestMet)
    {
        _requestMet = requestMet;
    }

    /// <summary>Threads the partitions run on, at least 1 (1: one after another on the caller's thread).</summary>
    public int Threads { get; set; } = 1;

    /// <summary>The simulated time of the record being replayed, or null outside a replay.</summary>
    public SimTime? ReplayAt { get; private set; }

    /// <summary>Events run by every partition so far, retired ones included.</summary>
    public long Events => _retiredEvents + _live.Sum(p => p.Simulator.EventsProcessed);

    /// <summary>Partitions in the group now.</summary>
    public int Count => _live.Count;

    /// <summary>Adds a new session's partition (its clock is the shared simulator's now).</summary>
    public void Add(SessionPartition partition) => _live.Add(partition);

    /// <summary>Advances the shared simulator <paramref name="main"/> and every partition to <paramref name="target"/>.</summary>
    public void RunUntil(Simulator main, SimTime target)
    {
        while (true)
        {
            SimTime t = Next(main, target);
            RunPartitions(t);
            foreach (SessionPartition p in _live)
            {
                if (p.TakeRequestMet() is { } at)
                {
                    _requestMet(p.Session, new SimTime(at));
                }
            }
            t = Next(main, target);
            Replay(t.Picoseconds);
            foreach (SessionPartition p in _live)
            {
                p.Merge();
            }
            main.RunUntil(t);
            Retire();
            if (t == target && !Due(main, target))
            {
                return;
            }
        }
    }

    private static SimTime Next(Simulator main, SimTime target) => main.TryPeekNextTime(out SimTime next) && next < target ? next : target;

    // Anything left at or before the target: a shared event, or an event the shared simulator just gave a partition.
    private bool Due(Simulator main, SimTime target)
    {
        if (main.TryPeekNextTime(out SimTime next) && next <= target)
        {
            return true;
        }
        foreach (SessionPartition p in _live)
        {
            if (p.Simulator.TryPeekNextTime(out next) && next <= target)
            {
                return true;
            }
        }
        return false;
    }

    private void RunPartitions(SimTime t)
    {
        foreach (SessionPartition p in _live)
        {
            p.RunOn();
        }
        _crew.Run(_live, t, Threads); // on one thread, or with one partition, all on the caller's
    }

    // Replays every record at or before `limit` (ps) in time order, ties in partition order: the partition holding the
    // earliest record replays its records before every other partition's next one in one run.
    private void Replay(long limit)
    {
        try
        {
            while (true)
            {
                SessionPartition? first = null;
                long firstTime = long.MaxValue, secondTime = long.MaxValue;
                foreach (SessionPartition p in _live)
                {
                    if (!p.TryPeek(out long time) || time > limit)
                    {
                        continue;
                    }
                    if (time < firstTime)
                    {
                        (first, firstTime, secondTime) = (p, time, firstTime);
                    }
                    else if (time < secondTime)
                    {
                        secondTime = time;
                    }
                }
                if (first is null)
                {
                    return;
                }
                // Strictly before the next partition's record: a tie goes back to the scan, which prefers the earlier partition.
                long next = firstTime;
                do
                {
                    ReplayAt = new SimTime(next);
                    first.ReplayNext();
                }
                while (first.TryPeek(out next) && next <= limit && next < secondTime);
            }
        }
        finally
        {
            ReplayAt = null;
        }
    }

    private void Retire()
    {
        for (int i = _live.Count - 1; i >= 0; i--)
        {
            if (_live[i].Retired && _live[i].Pending == 0)
            {
                _retiredEvents += _live[i].Simulator.EventsProcessed;
                _live.RemoveAt(i);
            }
        }
    }
}
