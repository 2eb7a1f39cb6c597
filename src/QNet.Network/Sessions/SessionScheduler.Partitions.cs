using QNet.Kernel;
using QNet.Network.Scenarios;

namespace QNet.Network.Sessions;

// Partitions: with PartitionThreads set, each session that shares nothing mutable with another runs on a simulator of its
// own, and the scheduler's RunUntil advances them with the shared simulator on a group clock (SessionPartitions).
public sealed partial class SessionScheduler
{
    private const int RequestMetEvent = 3;

    private SessionPartitions? _partitions;

    /// <summary>
    /// Runs sessions in partitions on this many threads (0, the default: every session on the shared simulator). Set it
    /// before submitting sessions. A session runs in a partition of its own unless it shares mutable state with others:
    /// a compute session (its destination's processor), a qkd session whose key blocks go to <see cref="QkdKeySink"/>,
    /// or any session of a topology with a link whose generation channels are shared. The partition is fixed by the model,
    /// so a run gives the same result with any positive number of threads. Advance with <see cref="RunUntil"/>.
    /// </summary>
    public int PartitionThreads
    {
        get => _partitions?.Threads ?? 0;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(PartitionThreads));
            if (value > 0 && _nextIndex > 0 && _partitions is null)
            {
                throw new InvalidOperationException("partitions are chosen before the first session is submitted.");
            }
            if (value == 0)
            {
                if (_partitions is { Count: > 0 })
                {
                    throw new InvalidOperationException("sessions run in partitions already.");
                }
                _partitions = null;
                return;
            }
            _partitions ??= new SessionPartitions(ScheduleRequestMet);
            _partitions.Threads = value;
        }
    }

    /// <summary>
    /// The simulated time of what the <see cref="Observer"/> is told now: a partition's record being replayed carries the
    /// time it happened at; otherwise the shared simulator's now.
    /// </summary>
    public SimTime ObservedTime => _partitions?.ReplayAt ?? _sim.Now;

    /// <summary>Events run in session partitions so far (the shared simulator counts its own).</summary>
    public long PartitionEvents => _partitions?.Events ?? 0;

    /// <summary>
    /// Advances the shared simulator to <paramref name="until"/> and, with partitions, every partition with it on the
    /// group clock; without partitions it is the simulator's <see cref="Simulator.RunUntil"/>.
    /// </summary>
    public void RunUntil(SimTime until)
    {
        if (_partitions is null)
        {
            _sim.RunUntil(until);
            return;
        }
        _partitions.RunUntil(_sim, until);
    }

    // The session's own simulator, made at its admission: a partition when it shares nothing mutable, else the shared one.
    private Simulator SimulatorFor(Session session)
    {
        if (_partitions is null || !Partitionable(session.Request))
        {
            return _sim;
        }
        if (session.Partition is null)
        {
            session.Partition = new SessionPartition(session, _sim.Random.Seed, _sim.Now, Observer);
            _partitions.Add(session.Partition);
        }
        return session.Partition.Simulator;
    }

    private bool Partitionable(SessionSpec spec) =>
        spec.Application != SessionApplication.Compute
        && !(spec.Application == SessionApplication.Qkd && QkdKeySink is not null)
        && !Topology.Links.Values.Any(l => l.Channels is not null);

    // The runtime met the session's request: on the shared simulator it ends now; in a partition its paths halt now and
    // the end waits for the shared simulator, at this time.
    private void RequestMet(Session session)
    {
        if (session.Partition is { } partition)
        {
            session.Runtime!.Halt();
            partition.MarkRequestMet();
            return;
        }
        End(session, timeUp: false);
    }

    private void ScheduleRequestMet(Session session, SimTime at) =>
        _sim.ScheduleAt(at, this, RequestMetEvent, session.Index, priority: int.MinValue);
}
