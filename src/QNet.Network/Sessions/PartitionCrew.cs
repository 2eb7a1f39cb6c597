using System.Diagnostics;
using System.Runtime.ExceptionServices;
using QNet.Kernel;

namespace QNet.Network.Sessions;

/// <summary>
/// Runs the session partitions to one sync point on the caller's thread and up to <c>threads - 1</c> crew threads of
/// the group's own. The partitions are claimed heaviest first (by their recent work, <see cref="ICrewWork.Load"/>)
/// by whichever thread is free, so the longest run starts at once on the caller and a crew thread that wakes late leaves
/// its share to the caller instead of holding it up. Sync points follow each other within a fraction of a millisecond
/// when the twin runs flat out, so a crew thread spins briefly for the next one before it sleeps, and ends after a
/// second without work (the group owns nothing to dispose; a later sync point starts a new one).
/// Which thread runs a partition changes nothing in it: each runs alone, from the same state, to the same time.
/// </summary>
internal sealed class PartitionCrew
{
    // How long a thread spins for the other side before it sleeps: about one sync point's gap on a busy twin.
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly int _idleMilliseconds;

    private readonly object _gate = new();
    private Round? _round;   // the sync point being run (or the last one)
    private int _crew;       // crew threads alive
    private int _sleeping;   // crew threads waiting on the gate

    /// <param name="idleMilliseconds">How long a crew thread waits for work before it ends.</param>
    public PartitionCrew(int idleMilliseconds = 1000)
    {
        _idleMilliseconds = idleMilliseconds;
    }

    /// <summary>
    /// Runs every partition of <paramref name="partitions"/> to <paramref name="until"/> on up to <paramref name="threads"/>
    /// threads (this one included), and rethrows the first failure in partition order once all have stopped.
    /// </summary>
    public void Run(IReadOnlyList<ICrewWork> partitions, SimTime until, int threads)
    {
        var round = new Round(partitions, until);
        lock (_gate)
        {
            while (_crew < Math.Min(threads, partitions.Count) - 1)
            {
                _crew++;
                new Thread(Serve) { IsBackground = true, Name = "QNet partition crew" }.Start();
            }
            Volatile.Write(ref _round, round);
            if (_sleeping > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }
        round.Work();
        if (!round.Done)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            var spin = new SpinWait();
            while (!round.Done && Stopwatch.GetTimestamp() < deadline)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            lock (_gate)
            {
                while (!round.Done)
                {
                    Monitor.Wait(_gate);
                }
            }
        }
        round.Rethrow();
    }

    // A crew thread: serves each new sync point, spinning briefly for it, then sleeping; ends after a second idle.
    private void Serve()
    {
        Round? seen = null;
        while (true)
        {
            Round? next = Volatile.Read(ref _round);
            if (next == seen)
            {
                long deadline = Stopwatch.GetTimestamp() + SpinTicks;
                var spin = new SpinWait();
                while ((next = Volatile.Read(ref _round)) == seen && Stopwatch.GetTimestamp() < deadline)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }
            if (next == seen)
            {
                lock (_gate)
                {
                    _sleeping++;
                    while ((next = _round) == seen)
                    {
                        if (!Monitor.Wait(_gate, _idleMilliseconds) && _round == seen)
                        {
                            _sleeping--;
                            _crew--;
                            return;
                        }
                    }
                    _sleeping--;
                }
            }
            seen = next!;
            if (seen.Work())
            {
                // The last partition of the sync point stopped here: wake the caller if it sleeps.
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    /// <summary>The order partitions are claimed in: by load, heaviest first; equal loads in session order.</summary>
    internal static int[] Order(IReadOnlyList<ICrewWork> partitions)
    {
        int[] order = new int[partitions.Count];
        for (int i = 0; i < order.Length; i++)
        {
            int j = i;
            while (j > 0 && partitions[order[j - 1]].Load < partitions[i].Load)
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    // One sync point: the partitions heaviest first, claimed one at a time.
    private sealed class Round
    {
        private readonly ICrewWork[] _order;
        private readonly int[] _index; // each claimed partition's place in session order
        private readonly ExceptionDispatchInfo?[] _failures;
        private readonly SimTime _until;
        private int _claimed;
        private int _finished;

        public Round(IReadOnlyList<ICrewWork> partitions, SimTime until)
        {
            _index = Order(partitions);
            _order = new ICrewWork[_index.Length];
            for (int k = 0; k < _index.Length; k++)
            {
                _order[k] = partitions[_index[k]];
            }
            _failures = new ExceptionDispatchInfo?[_index.Length];
            _until = until;
        }

        public bool Done => Volatile.Read(ref _finished) == _order.Length;

        // Runs partitions until none is left to claim; true when this thread stopped the last one.
        public bool Work()
        {
            bool last = false;
            int k;
            while ((k = Interlocked.Increment(ref _claimed) - 1) < _order.Length)
            {
                try
                {
                    _order[k].RunTo(_until);
                }
#pragma warning disable CA1031 // rethrown by the caller, the first in partition order, as a sequential run would throw it
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _failures[_index[k]] = ExceptionDispatchInfo.Capture(e);
                }
                last = Interlocked.Increment(ref _finished) == _order.Length;
            }
            return last;
        }

        public void Rethrow()
        {
            foreach (ExceptionDispatchInfo? failure in _failures)
            {
                failure?.Throw();
            }
        }
    }
}
