namespace QNet.ControlPlane.Twin;

/// <summary>The faults the twin can inject.</summary>
public enum FaultKind
{
    /// <summary><c>link-cut</c>: the link is down; sessions on it reroute or fail.</summary>
    LinkCut,

    /// <summary><c>attenuation-step</c>: the link's attenuation rises by a step (dB/km).</summary>
    AttenuationStep,

    /// <summary><c>memory-t2-drop</c>: a node's memory T2 falls to a fraction of its value.</summary>
    MemoryT2Drop,
}

/// <summary>Wire names of <see cref="FaultKind"/>.</summary>
public static class FaultKinds
{
    /// <summary>The wire name.</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.LinkCut => "link-cut",
        FaultKind.AttenuationStep => "attenuation-step",
        _ => "memory-t2-drop",
    };

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out FaultKind kind)
    {
        switch (text)
        {
            case "link-cut": kind = FaultKind.LinkCut; return true;
            case "attenuation-step": kind = FaultKind.AttenuationStep; return true;
            case "memory-t2-drop": kind = FaultKind.MemoryT2Drop; return true;
            default: kind = default; return false;
        }
    }
}

/// <summary>An injected fault.</summary>
/// <param name="Id">Fault id.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Target">The link (link-cut, attenuation-step) or node (memory-t2-drop) it hits.</param>
/// <param name="Magnitude">Attenuation step in dB/km, or the T2 factor in (0, 1); 0 for a cut.</param>
/// <param name="InjectedAt">When it was injected.</param>
/// <param name="ClearedAt">When it was cleared; null while active.</param>
public sealed record Fault(string Id, FaultKind Kind, string Target, double Magnitude, DateTimeOffset InjectedAt, DateTimeOffset? ClearedAt)
{
    /// <summary>True until cleared.</summary>
    public bool Active => ClearedAt is null;
}
