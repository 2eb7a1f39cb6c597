namespace QNet.Sre.Rules;

/// <summary>
/// The failure modes of docs/failure-modes.md; alerts carry one as the label <c>failure_mode</c> (its name, F1..F8).
/// </summary>
public enum FailureMode
{
    /// <summary>Link loss spike (fibre cut, attenuation step).</summary>
    F1 = 1,

    /// <summary>Low fidelity (two-photon interference visibility drop).</summary>
    F2,

    /// <summary>Memory decoherence (T2/T1 drop, temperature drift).</summary>
    F3,

    /// <summary>Control-plane backlog (classical processing delay, API overload).</summary>
    F4,

    /// <summary>Detector saturation (background light, dead time).</summary>
    F5,

    /// <summary>Entanglement swap failure (Bell-state measurement degraded).</summary>
    F6,

    /// <summary>Key mismatch (QKD post-processing configuration skew).</summary>
    F7,

    /// <summary>Calibration drift (misalignment growing since the last calibration).</summary>
    F8,
}
