using QNet.Kernel;

namespace QNet.Agent.Emulation;

/// <summary>
/// A detector with dark counts and non-paralysable dead time, clicking on its own seeded stream. True events (signal
/// photons while lit, and dark counts) form a Poisson process of rate r; after each registered click the detector is
/// blind for τ. Because the process is memoryless, the gap between two registered clicks is exactly τ + Exp(r), so the
/// emulator draws registered clicks directly (cost per registered click, not per photon) and the long-run rate is
/// r / (1 + r·τ).
/// </summary>
internal sealed class EmulatedDetector(DetectorParameters parameters, RandomStream random)
{
    private double _nextClickSeconds = double.NaN;

    public DetectorParameters Parameters { get; private set; } = parameters;

    /// <summary>Registered clicks since the last reset.</summary>
    public long Clicks { get; private set; }

    /// <summary>Whether the detector sees its signal (heralding) or only its dark counts.</summary>
    public bool Lit { get; set; } = true;

    /// <summary>The calibration offset, drifting with time (docs/agents.md).</summary>
    public CalibrationOffset Calibration { get; } = new(parameters.DriftPerHour);

    /// <summary>True event rate r it sees now, Hz.</summary>
    public double TrueRateHertz => Parameters.DarkCountRateHertz + (Lit ? Parameters.SignalRateHertz : 0);

    /// <summary>Counts the clicks registered in [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>) and returns them.</summary>
    public long Run(double fromSeconds, double toSeconds)
    {
        double rate = TrueRateHertz;
        if (rate <= 0 || toSeconds <= fromSeconds)
        {
            _nextClickSeconds = double.NaN;
            return 0;
        }
        if (double.IsNaN(_nextClickSeconds) || _nextClickSeconds < fromSeconds)
        {
            // Starting (or restarting after a change): the detector is live, so the first click is Exp(r) away.
            _nextClickSeconds = fromSeconds + random.NextExponential(rate);
        }
        long n = 0;
        while (_nextClickSeconds < toSeconds)
        {
            n++;
            _nextClickSeconds += Parameters.DeadTimeSeconds + random.NextExponential(rate);
        }
        Clicks += n;
        return n;
    }

    /// <summary>Clears the counters and the dead-time state (the reset-detector command).</summary>
    public void Reset()
    {
        Clicks = 0;
        _nextClickSeconds = double.NaN;
    }

    /// <summary>Changes the parameters (set-parameter); the next <see cref="Run"/> starts afresh.</summary>
    public void Change(DetectorParameters changed)
    {
        Parameters = changed;
        _nextClickSeconds = double.NaN;
    }
}
