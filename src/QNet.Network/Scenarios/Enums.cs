namespace QNet.Network.Scenarios;

/// <summary>What a node is: <c>end</c> (hosts applications), <c>repeater</c> (swaps entanglement) or <c>switch</c> (serves its leaves).</summary>
public enum NodeKind
{
    /// <summary><c>end</c>: an end node that consumes pairs.</summary>
    End,

    /// <summary><c>repeater</c>: a node that swaps entanglement between its links.</summary>
    Repeater,

    /// <summary><c>switch</c>: a hub that buffers pairs from each leaf link and swaps or fuses them for requests between leaves.</summary>
    Switch,
}

/// <summary>How a repeater schedules swaps.</summary>
public enum SwapProtocol
{
    /// <summary><c>asap</c>: swap as soon as the node holds a pair on each side.</summary>
    Asap,

    /// <summary><c>nested</c>: doubling; segments of equal length are joined level by level.</summary>
    Nested,
}

/// <summary>The physical medium of a link.</summary>
public enum LinkMedium
{
    /// <summary><c>fiber</c>: loss from length and attenuation.</summary>
    Fiber,

    /// <summary><c>free-space</c>: a fixed total loss figure.</summary>
    FreeSpace,
}

/// <summary>How a link generates and heralds entanglement.</summary>
public enum HeraldingScheme
{
    /// <summary><c>single-click</c>: one photon from either node clicks at a midpoint station (bright-state population a).</summary>
    SingleClick,

    /// <summary><c>double-click</c>: Barrett–Kok, two photons click at a midpoint station.</summary>
    DoubleClick,

    /// <summary><c>direct</c>: a photon travels from one node to the other (also the prepare-and-measure QKD link).</summary>
    Direct,

    /// <summary><c>midpoint-source</c>: an entangled-pair source in the middle sends one photon to each node.</summary>
    MidpointSource,

    /// <summary><c>probabilistic</c>: an abstract link with a given success probability, attempt duration and Werner fidelity.</summary>
    Probabilistic,
}

/// <summary>What a session does with its end-to-end pairs.</summary>
public enum SessionApplication
{
    /// <summary><c>raw</c>: delivers pairs and reports their fidelity.</summary>
    Raw,

    /// <summary><c>teleport</c>: teleports test states and reports their fidelity.</summary>
    Teleport,

    /// <summary><c>ghz</c>: distributes GHZ states among the source, destination and extra parties.</summary>
    Ghz,

    /// <summary><c>qkd</c>: measures pairs into key (BBM92).</summary>
    Qkd,

    /// <summary><c>compute</c>: offloads a named circuit to the destination's processor over the pairs (<see cref="ComputeSpec"/>).</summary>
    Compute,
}

/// <summary>The named circuit of a compute session.</summary>
public enum ComputeCircuit
{
    /// <summary><c>remote-cnot</c>: CNOT from a client qubit to a server qubit by the one-ebit protocol (one pair per task).</summary>
    RemoteCnot,

    /// <summary><c>teleport-gate</c>: teleport a client qubit in, apply a gate on the server, teleport it back (two pairs per task).</summary>
    TeleportGate,
}

/// <summary>Entanglement purification protocol.</summary>
public enum PurificationScheme
{
    /// <summary><c>bbpssw</c>: Bennett et al. 1996, output twirled to Werner form.</summary>
    Bbpssw,

    /// <summary><c>dejmps</c>: Deutsch et al. 1996, Bell-diagonal without twirling.</summary>
    Dejmps,
}

/// <summary>How purification rounds combine pairs.</summary>
public enum PurificationMode
{
    /// <summary><c>recurrence</c>: symmetric rounds, two equal pairs per round.</summary>
    Recurrence,

    /// <summary><c>pumping</c>: a fresh elementary pair purifies the kept pair each round.</summary>
    Pumping,
}

/// <summary>Where purification is applied.</summary>
public enum PurificationScope
{
    /// <summary><c>end-to-end</c>: on the delivered end-to-end pairs.</summary>
    EndToEnd,

    /// <summary><c>link</c>: on every elementary link before swapping.</summary>
    Link,
}
