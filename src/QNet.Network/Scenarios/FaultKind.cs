namespace QNet.Network.Scenarios;

/// <summary>The faults the network can be put through, one or more per failure mode F1–F8 (wire names in <see cref="FaultKinds"/>).</summary>
public enum FaultKind
{
    /// <summary><c>link-cut</c> (F1): the link is down; sessions on it reroute or wait for it to heal.</summary>
    LinkCut,

    /// <summary><c>attenuation-step</c> (F1): the link's attenuation rises by the magnitude, in dB/km.</summary>
    AttenuationStep,

    /// <summary><c>visibility-drop</c> (F2): the link's two-photon interference visibility falls to the magnitude, in [0, 1).</summary>
    VisibilityDrop,

    /// <summary><c>memory-t2-drop</c> (F3): a node's memory T2 is multiplied by the magnitude, in (0, 1).</summary>
    MemoryT2Drop,

    /// <summary><c>memory-t1-drop</c> (F3): a node's memory T1 is multiplied by the magnitude, in (0, 1) (T2 stays at most 2·T1).</summary>
    MemoryT1Drop,

    /// <summary><c>temperature-drift</c> (F3): a node's T2 loses the magnitude as a fraction per hour: T2·(1 − m)^hours.</summary>
    TemperatureDrift,

    /// <summary><c>control-delay</c> (F4): seconds added to every classical message at a node (target <c>*</c>: every node).</summary>
    ControlDelay,

    /// <summary><c>detector-background</c> (F5): background clicks in Hz on a link's detectors (adds to the dark-count rate).</summary>
    DetectorBackground,

    /// <summary><c>swap-degradation</c> (F6): a repeater's gate depolarising probability gains the magnitude; its swap success is scaled by (1 − magnitude).</summary>
    SwapDegradation,

    /// <summary><c>qkd-config-skew</c> (F7): one end of a QKD link moves to post-processing configuration version = magnitude.</summary>
    QkdConfigSkew,

    /// <summary><c>calibration-drift</c> (F8): the link's detector misalignment e_d gains the magnitude per hour since its last calibration.</summary>
    CalibrationDrift,
}

/// <summary>What a fault kind targets.</summary>
public enum FaultTarget
{
    /// <summary>An entanglement link.</summary>
    Link,

    /// <summary>A node.</summary>
    Node,

    /// <summary>A repeater node (it swaps).</summary>
    Repeater,

    /// <summary>A node, or <c>*</c> for every node.</summary>
    NodeOrAll,

    /// <summary>A link with a <c>qkd</c> block.</summary>
    QkdLink,
}
