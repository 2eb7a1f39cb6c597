using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Mitigation;

/// <summary>Where the engine reads its signals (the twin's tallies, observer and topology; fakes in rule tests).</summary>
internal interface IMitigationSignalSource
{
    /// <summary>Adds every reading of <paramref name="signal"/> that is due now (windowed signals only once their window holds enough samples).</summary>
    void Read(MitigationSignal signal, int minSamples, List<SignalReading> into);
}

/// <summary>Where the engine acts (the twin's network; fakes in rule tests).</summary>
internal interface IMitigationEffects
{
    /// <summary>Takes <paramref name="action"/> on the reading's target.</summary>
    MitigationOutcome Act(MitigationAction action, SignalReading reading, MitigationPolicy policy);

    /// <summary>Lifts a state action (reroute's avoidance, load shedding) on the reading's target; false when none was in effect.</summary>
    bool Lift(MitigationAction action, SignalReading reading);
}

/// <summary>
/// The fault side's repairs the policy triggers: resynchronize a link's sources (F2, restores its visibility) and run a
/// calibration (F8). The twin's implementation (<c>TwinFaultRemediation</c>) calibrates through the twin's drift clock;
/// source resynchronization needs the visibility-drop fault of the network fault layer and reports itself unavailable
/// until that is in.
/// </summary>
internal interface IFaultRemediation
{
    /// <summary>Restores the link's visibility; false when nothing was done (with why in <paramref name="detail"/>).</summary>
    bool ResyncSources(string link, out string detail);

    /// <summary>Calibrates the link's devices; false when nothing was done.</summary>
    bool RunCalibration(string link, out string detail);
}

/// <summary>
/// The QKD side (F5 abort pause, F7 configuration rollback), implemented with the key-verification work; the policy
/// only decides when. Until it is plugged in, <see cref="NoQkdRemediation"/> reads no QBER and acts on nothing.
/// </summary>
internal interface IQkdRemediation
{
    /// <summary>Current QBER per QKD link (empty when unknown).</summary>
    IEnumerable<(string Link, double Qber)> Qber();

    /// <summary>Key blocks that failed verification per QKD link since the last call.</summary>
    IEnumerable<(string Link, long Failures)> VerificationFailures();

    /// <summary>Pauses key production on the link; false when nothing was done.</summary>
    bool Pause(string link, string reason);

    /// <summary>Resumes key production (QBER back under the release level); false when it was not paused.</summary>
    bool Resume(string link);

    /// <summary>Rolls the link's post-processing back to the last configuration version both ends support; false when nothing was done.</summary>
    bool Rollback(string link, string reason);
}

/// <summary>No QKD remediation available: no readings, no actions.</summary>
internal sealed class NoQkdRemediation : IQkdRemediation
{
    public static NoQkdRemediation Instance { get; } = new();

    public IEnumerable<(string Link, double Qber)> Qber() => [];

    public IEnumerable<(string Link, long Failures)> VerificationFailures() => [];

    public bool Pause(string link, string reason) => false;

    public bool Resume(string link) => false;

    public bool Rollback(string link, string reason) => false;
}
