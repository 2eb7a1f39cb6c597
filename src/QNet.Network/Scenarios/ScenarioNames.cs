using QNet.Qkd;

namespace QNet.Network.Scenarios;

/// <summary>The spelling of every enum value in scenario files (lower-case, hyphenated), both ways.</summary>
public static class ScenarioNames
{
    internal static readonly NameTable<NodeKind> NodeKinds = new(("end", NodeKind.End), ("repeater", NodeKind.Repeater), ("switch", NodeKind.Switch));

    internal static readonly NameTable<SwitchPolicy> SwitchPolicies = new(
        ("oldest-first", SwitchPolicy.OldestFirst),
        ("longest-queue", SwitchPolicy.LongestQueue),
        ("weighted", SwitchPolicy.Weighted));

    internal static readonly NameTable<SwapProtocol> SwapProtocols = new(("asap", SwapProtocol.Asap), ("nested", SwapProtocol.Nested));

    internal static readonly NameTable<LinkMedium> Media = new(("fiber", LinkMedium.Fiber), ("free-space", LinkMedium.FreeSpace));

    internal static readonly NameTable<HeraldingScheme> Heraldings = new(
        ("single-click", HeraldingScheme.SingleClick),
        ("double-click", HeraldingScheme.DoubleClick),
        ("direct", HeraldingScheme.Direct),
        ("midpoint-source", HeraldingScheme.MidpointSource),
        ("probabilistic", HeraldingScheme.Probabilistic));

    internal static readonly NameTable<QkdProtocol> QkdProtocols = new(("bb84-decoy", QkdProtocol.Bb84Decoy), ("bbm92", QkdProtocol.Bbm92));

    internal static readonly NameTable<SessionApplication> Applications = new(
        ("raw", SessionApplication.Raw),
        ("teleport", SessionApplication.Teleport),
        ("ghz", SessionApplication.Ghz),
        ("qkd", SessionApplication.Qkd),
        ("compute", SessionApplication.Compute));

    internal static readonly NameTable<ComputeCircuit> ComputeCircuits = new(("remote-cnot", ComputeCircuit.RemoteCnot), ("teleport-gate", ComputeCircuit.TeleportGate));

    internal static readonly NameTable<Physics.Compute.ServerGate> ServerGates = new(
        ("identity", Physics.Compute.ServerGate.Identity),
        ("x", Physics.Compute.ServerGate.X),
        ("y", Physics.Compute.ServerGate.Y),
        ("z", Physics.Compute.ServerGate.Z),
        ("h", Physics.Compute.ServerGate.H),
        ("s", Physics.Compute.ServerGate.S));

    internal static readonly NameTable<PurificationScheme> PurificationSchemes = new(("bbpssw", PurificationScheme.Bbpssw), ("dejmps", PurificationScheme.Dejmps));

    internal static readonly NameTable<PurificationMode> PurificationModes = new(("recurrence", PurificationMode.Recurrence), ("pumping", PurificationMode.Pumping));

    internal static readonly NameTable<PurificationScope> PurificationScopes = new(("end-to-end", PurificationScope.EndToEnd), ("link", PurificationScope.Link));

    internal static readonly NameTable<Links.ChannelSharing> ChannelSharings = new(
        ("round-robin", Links.ChannelSharing.RoundRobin),
        ("priority", Links.ChannelSharing.Priority),
        ("proportional", Links.ChannelSharing.Proportional));

    internal static readonly NameTable<Links.FidelityPoint> FidelityPoints = new(("emission", Links.FidelityPoint.Emission), ("herald", Links.FidelityPoint.Herald));

    /// <summary>The file spelling of a channel sharing policy, e.g. <c>round-robin</c>.</summary>
    public static string Of(Links.ChannelSharing value) => ChannelSharings.NameOf(value);

    /// <summary>The file spelling of where a link's fidelity applies, e.g. <c>herald</c>.</summary>
    public static string Of(Links.FidelityPoint value) => FidelityPoints.NameOf(value);
    /// <summary>The file spelling of a switch policy, e.g. <c>oldest-first</c>.</summary>
    public static string Of(SwitchPolicy value) => SwitchPolicies.NameOf(value);

    /// <summary>The file spelling of a heralding scheme, e.g. <c>single-click</c>.</summary>
    public static string Of(HeraldingScheme value) => Heraldings.NameOf(value);

    /// <summary>The file spelling of a QKD protocol, e.g. <c>bb84-decoy</c>.</summary>
    public static string Of(QkdProtocol value) => QkdProtocols.NameOf(value);

    /// <summary>Reads a QKD protocol as spelt in files and on the command line (<c>bb84-decoy</c>, <c>bbm92</c>).</summary>
    public static bool TryQkdProtocol(string name, out QkdProtocol value) => QkdProtocols.TryGet(name, out value);

    /// <summary>Every spelling of a QKD protocol, in declared order.</summary>
    public static IReadOnlyList<string> QkdProtocolNames => QkdProtocols.Names;

    /// <summary>Every spelling of a session application, in declared order.</summary>
    public static IReadOnlyList<string> ApplicationNames => Applications.Names;

    /// <summary>Spellings as they end an error message: <c>raw, teleport or qkd</c>.</summary>
    public static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
    };

    /// <summary>The file spelling of a session application, e.g. <c>teleport</c>.</summary>
    public static string Of(SessionApplication value) => Applications.NameOf(value);

    /// <summary>Reads a session application as spelt in files and requests (<c>raw</c>, <c>teleport</c>, <c>ghz</c>, <c>qkd</c>).</summary>
    public static bool TryApplication(string name, out SessionApplication value) => Applications.TryGet(name, out value);

    /// <summary>The file spelling of a node kind, e.g. <c>repeater</c>.</summary>
    public static string Of(NodeKind value) => NodeKinds.NameOf(value);

    /// <summary>The file spelling of a link medium, e.g. <c>free-space</c>.</summary>
    public static string Of(LinkMedium value) => Media.NameOf(value);

    /// <summary>The file spelling of a swap protocol, e.g. <c>asap</c>.</summary>
    public static string Of(SwapProtocol value) => SwapProtocols.NameOf(value);

    /// <summary>Reads a swap protocol as spelt in files (<c>asap</c>, <c>nested</c>).</summary>
    public static bool TrySwapProtocol(string name, out SwapProtocol value) => SwapProtocols.TryGet(name, out value);

    /// <summary>Reads a purification scheme as spelt in files (<c>bbpssw</c>, <c>dejmps</c>).</summary>
    public static bool TryPurificationScheme(string name, out PurificationScheme value) => PurificationSchemes.TryGet(name, out value);

    /// <summary>Reads a purification mode as spelt in files (<c>recurrence</c>, <c>pumping</c>).</summary>
    public static bool TryPurificationMode(string name, out PurificationMode value) => PurificationModes.TryGet(name, out value);

    /// <summary>Reads a purification scope as spelt in files (<c>end-to-end</c>, <c>link</c>).</summary>
    public static bool TryPurificationScope(string name, out PurificationScope value) => PurificationScopes.TryGet(name, out value);

    /// <summary>The file spelling of a purification scheme, e.g. <c>dejmps</c>.</summary>
    public static string Of(PurificationScheme value) => PurificationSchemes.NameOf(value);

    /// <summary>The file spelling of a purification mode, e.g. <c>pumping</c>.</summary>
    public static string Of(PurificationMode value) => PurificationModes.NameOf(value);

    /// <summary>The file spelling of a compute circuit, e.g. <c>remote-cnot</c>.</summary>
    public static string Of(ComputeCircuit value) => ComputeCircuits.NameOf(value);

    /// <summary>The file spelling of a server gate, e.g. <c>h</c>.</summary>
    public static string Of(Physics.Compute.ServerGate value) => ServerGates.NameOf(value);

    /// <summary>Reads a compute circuit as spelt in files (<c>remote-cnot</c>, <c>teleport-gate</c>).</summary>
    public static bool TryComputeCircuit(string name, out ComputeCircuit value) => ComputeCircuits.TryGet(name, out value);

    /// <summary>Reads a server gate as spelt in files (<c>identity</c>, <c>x</c>, <c>y</c>, <c>z</c>, <c>h</c>, <c>s</c>).</summary>
    public static bool TryServerGate(string name, out Physics.Compute.ServerGate value) => ServerGates.TryGet(name, out value);

    /// <summary>The file spelling of a purification scope, e.g. <c>end-to-end</c>.</summary>
    public static string Of(PurificationScope value) => PurificationScopes.NameOf(value);
}
