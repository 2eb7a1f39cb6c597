using QNet.Kernel;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// F4 on the API path. While the control loop pays a processing delay per command
/// (<see cref="Network.Faults.FaultInjector.ControlLoopDelaySeconds"/>), it finishes at most one queued API command per
/// delay of simulated time, as a single busy server would; the rest wait in <see cref="TwinCommandQueue"/> for later
/// steps. So under a request flood the queue builds (the depth the shed-load rule reads) and every request's latency
/// grows with the commands ahead of it (M9). Without the fault the budget is unlimited. Simulation thread only.
/// </summary>
internal sealed class ControlLoopPacer
{
    // Simulated time (ps) from which the loop is free for its next command, and the time one command takes (ps).
    private long _freeAt;
    private long _perCommand;

    /// <summary>Commands the loop can have finished by <paramref name="now"/>, each taking <paramref name="delaySeconds"/>.</summary>
    public int Budget(SimTime now, double delaySeconds)
    {
        if (delaySeconds <= 0)
        {
            _freeAt = now.Picoseconds;
            _perCommand = 0;
            return int.MaxValue;
        }
        long per = Math.Max(1, SimTime.FromSeconds(delaySeconds).Picoseconds);
        _perCommand = per;
        return now.Picoseconds <= _freeAt ? 0 : (int)Math.Min(int.MaxValue, (now.Picoseconds - _freeAt) / per);
    }

    /// <summary>Books <paramref name="count"/> commands run at <paramref name="now"/>; an <paramref name="idle"/> loop (queue empty) banks no time.</summary>
    public void Ran(int count, SimTime now, bool idle)
    {
        _freeAt += count * _perCommand;
        if (idle && _freeAt < now.Picoseconds)
        {
            _freeAt = now.Picoseconds;
        }
    }
}
