namespace QNet.Network.Mitigation;

/// <summary>
/// What a rule watches. Every signal is read from what the twin already tracks, over the last evaluation window of
/// simulated time, per target (a link, a node, a session, a QKD link, or the whole control plane).
/// </summary>
public enum MitigationSignal
{
    /// <summary>Mean fidelity of the link's heralded pairs in the window (M2), 0..1; low is bad. Target: link.</summary>
    LinkFidelity,

    /// <summary>The link's expected generation rate now over its configured one (M1/M3: success probability per attempt), 0..1; low is bad. Target: link.</summary>
    LinkRateRatio,

    /// <summary>Fraction of the repeater's Bell-state measurements that succeeded in the window (M4), 0..1; low is bad. Target: node.</summary>
    SwapSuccess,

    /// <summary>The node's measured coherence time (M5, the probe's last T2 estimate) over its configured T2, 0..1; low is bad. Target: node.</summary>
    CoherenceRatio,

    /// <summary>Fraction of a session's end-to-end pairs in the window that missed its fidelity target, 0..1; high is bad. Target: session.</summary>
    SessionTargetMiss,

    /// <summary>Commands waiting in the twin's queue (API requests not yet run, M9's cause); high is bad. Target: control plane.</summary>
    CommandQueueDepth,

    /// <summary>The link's calibration drift since its last calibration (M10), 0..1; high is bad. Target: link.</summary>
    CalibrationDrift,

    /// <summary>The QKD link's last quantum bit error rate, 0..0.5; high is bad. Target: QKD link.</summary>
    Qber,

    /// <summary>Key blocks of the QKD link that failed verification in the window; high is bad. Target: QKD link.</summary>
    KeyVerificationFailures,
}

/// <summary>What a signal is read per, and what an action acts on.</summary>
public enum MitigationTarget
{
    Link,
    Node,
    Session,
    ControlPlane,
    QkdLink,
}

/// <summary>Which side of its threshold a signal is bad on, and what it is read per.</summary>
public static class MitigationSignals
{
    /// <summary>How messages name what a signal is read per.</summary>
    public static string NameOf(MitigationTarget target) => target switch
    {
        MitigationTarget.Link => "link",
        MitigationTarget.Node => "node",
        MitigationTarget.Session => "session",
        MitigationTarget.ControlPlane => "control plane",
        _ => "QKD link",
    };

    /// <summary>What <paramref name="signal"/> is read per.</summary>
    public static MitigationTarget TargetOf(MitigationSignal signal) => signal switch
    {
        MitigationSignal.LinkFidelity or MitigationSignal.LinkRateRatio or MitigationSignal.CalibrationDrift => MitigationTarget.Link,
        MitigationSignal.SwapSuccess or MitigationSignal.CoherenceRatio => MitigationTarget.Node,
        MitigationSignal.SessionTargetMiss => MitigationTarget.Session,
        MitigationSignal.CommandQueueDepth => MitigationTarget.ControlPlane,
        _ => MitigationTarget.QkdLink,
    };

    /// <summary>Whether <paramref name="action"/> can act on what <paramref name="signal"/> is read per.</summary>
    public static bool Fits(MitigationAction action, MitigationSignal signal) => (action, TargetOf(signal)) switch
    {
        (MitigationAction.Reroute, MitigationTarget.Link or MitigationTarget.Node) => true,
        (MitigationAction.RaisePurification, MitigationTarget.Session) => true,
        (MitigationAction.ShortenCutoff, MitigationTarget.Node) => true,
        (MitigationAction.ShedLoad, MitigationTarget.ControlPlane) => true,
        (MitigationAction.ResyncSources or MitigationAction.RunCalibration, MitigationTarget.Link) => true,
        (MitigationAction.PauseQkd or MitigationAction.RollbackQkdConfig, MitigationTarget.QkdLink) => true,
        _ => false,
    };

    /// <summary>True when high values are bad (the rule fires above its threshold), false when low values are.</summary>
    public static bool HighIsBad(MitigationSignal signal) => signal is MitigationSignal.SessionTargetMiss or MitigationSignal.CommandQueueDepth
        or MitigationSignal.CalibrationDrift or MitigationSignal.Qber or MitigationSignal.KeyVerificationFailures;

    /// <summary>True when the signal is a fraction in [0, 1] (its threshold must be too).</summary>
    public static bool IsFraction(MitigationSignal signal) => signal is not (MitigationSignal.CommandQueueDepth or MitigationSignal.KeyVerificationFailures);
}
