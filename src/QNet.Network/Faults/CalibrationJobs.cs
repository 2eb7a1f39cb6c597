using QNet.Kernel;

using QNet.Network.Scenarios;

namespace QNet.Network.Faults;

/// <summary>
/// Runs calibration jobs as scheduled simulator work: every job's period it takes its target out of service for its
/// duration (links down: sessions reroute or are suspended and re-admitted when it returns), then calibrates it
/// (<see cref="FaultInjector.Calibrate"/>: drift restarts from zero, visibility drops clear, as the job says).
/// </summary>
public sealed class CalibrationJobs : IEventHandler
{
    private const int BeginEvent = 0;
    private const int EndEvent = 1;

    private readonly Simulator _sim;
    private readonly FaultInjector _faults;
    private readonly IReadOnlyList<CalibrationSpec> _jobs;

    /// <summary>Schedules every job's first run one period from now.</summary>
    public CalibrationJobs(Simulator simulator, FaultInjector faults, IReadOnlyList<CalibrationSpec> jobs)
    {
        _sim = simulator;
        _faults = faults;
        _jobs = jobs;
        for (int i = 0; i < jobs.Count; i++)
        {
            _sim.Schedule(SimTime.FromSeconds(jobs[i].EverySeconds), this, BeginEvent, i);
        }
    }

    /// <summary>Hears every completed run: the job, and the misalignment drift it reset (0 for a node, or a job that resets no drift).</summary>
    public event Action<CalibrationSpec, double>? Ran;

    /// <summary>Calibration runs completed so far.</summary>
    public int Runs { get; private set; }

    /// <inheritdoc />
    public void OnEvent(int kind, long argument)
    {
        CalibrationSpec job = _jobs[(int)argument];
        if (kind == BeginEvent)
        {
            _sim.Schedule(SimTime.FromSeconds(job.EverySeconds), this, BeginEvent, argument);
            if (job.DurationSeconds > 0)
            {
                _faults.TakeOutOfService(job.Target);
                _sim.Schedule(SimTime.FromSeconds(job.DurationSeconds), this, EndEvent, argument);
                return;
            }
        }
        else
        {
            _faults.ReturnToService(job.Target);
        }
        double before = _faults.MisalignmentDelta(job.Target);
        _faults.Calibrate(job.Target, job.Resets);
        Runs++;
        Ran?.Invoke(job, job.Resets.HasFlag(CalibrationResets.Drift) ? before : 0);
    }
}
