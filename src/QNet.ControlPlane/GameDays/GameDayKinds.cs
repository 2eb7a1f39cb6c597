namespace QNet.ControlPlane.GameDays;

/// <summary>What a step of an experiment's method is.</summary>
internal enum StepKind
{
    /// <summary>Changes the network or the control plane.</summary>
    Action,

    /// <summary>Reads a value (and, with a tolerance, judges it).</summary>
    Probe,

    /// <summary>Lets simulated (or wall) time pass.</summary>
    Pause,
}

/// <summary>What an action does.</summary>
internal enum ActionKind
{
    /// <summary>Injects an F1–F8 fault (kind, target, magnitude, optional duration).</summary>
    InjectFault,

    /// <summary>Clears a fault an earlier step injected (by that step's id).</summary>
    ClearFault,

    /// <summary>Submits an entanglement session (source, destination, fidelity target...).</summary>
    StartSession,

    /// <summary>Submits a burst of short sessions between two nodes (load).</summary>
    RequestLoad,

    /// <summary>Opens a maintenance window over labels for a duration (alerts it covers are muted, budgets exclude it).</summary>
    OpenMaintenance,

    /// <summary>Changes the mitigation policy: switches it on or off, or changes one rule's threshold.</summary>
    SetMitigation,
}

/// <summary>What a probe reads.</summary>
internal enum ProbeKind
{
    /// <summary>One of the SLIs M1–M10 over a window, summed or taken at its worst over the selected series.</summary>
    Sli,

    /// <summary>The error budget left (0..1) of an SLO, the smallest over its selected groups.</summary>
    Budget,

    /// <summary>An alert's state: inactive, pending or firing.</summary>
    Alert,

    /// <summary>How many sessions are in an outcome (running, failed...).</summary>
    Sessions,

    /// <summary>QKD key blocks produced over a window.</summary>
    Keys,
}

/// <summary>The indicators probes read by name (docs/architecture.md, "Metrics").</summary>
internal enum Sli
{
    /// <summary>M1: link pairs generated per second (sum over the selected links).</summary>
    M1,

    /// <summary>M2: share of judged session pairs that met their fidelity target.</summary>
    M2,

    /// <summary>M3: link transmittance (worst selected link).</summary>
    M3,

    /// <summary>M4: swap success ratio (selected nodes together).</summary>
    M4,

    /// <summary>M5: measured memory T2 in seconds (worst selected node).</summary>
    M5,

    /// <summary>M6: mean heralding latency in seconds.</summary>
    M6,

    /// <summary>M7: share of ended session requests that completed.</summary>
    M7,

    /// <summary>M8: mean key delivery time in seconds (fed by the key store; no data offline).</summary>
    M8,

    /// <summary>M9: mean control API request duration in seconds (fed by HTTP; no data offline).</summary>
    M9,

    /// <summary>M10: calibration drift ratio (worst selected device).</summary>
    M10,
}

/// <summary>A comparison of a tolerance.</summary>
internal enum Comparison
{
    /// <summary>Below.</summary>
    Lt,

    /// <summary>At most.</summary>
    Le,

    /// <summary>Above.</summary>
    Gt,

    /// <summary>At least.</summary>
    Ge,

    /// <summary>Equal.</summary>
    Eq,

    /// <summary>Within a closed range [low, high].</summary>
    Between,

    /// <summary>An alert state (inactive, pending, firing) or a list of them.</summary>
    State,
}

/// <summary>What an expectation states.</summary>
internal enum ExpectationKind
{
    /// <summary>An alert fires within a duration of the fault.</summary>
    AlertFires,

    /// <summary>An alert fires with severity page within a duration of the fault.</summary>
    AlertPages,

    /// <summary>A session is rerouted (or restarted on a new path) within a duration of the fault.</summary>
    SessionsRerouted,

    /// <summary>QKD keys keep flowing through the experiment (a stall is allowed only with PQC fallback allowed).</summary>
    KeysFlow,

    /// <summary>An SLO's error budget burned over the experiment stays below a percentage.</summary>
    BudgetBurned,

    /// <summary>An SLI is back within its objective within a duration of the fault's clear.</summary>
    SliRecovers,

    /// <summary>An automatic mitigation action is taken within a duration of the fault.</summary>
    Mitigates,
}
