namespace QNet.Qkd;

/// <summary>
/// A QKD protocol, as a scenario link or session names it and as <c>qnet qkd</c> sweeps it. Its
/// spelling in files, requests and output is <c>ScenarioNames</c>' (QNet.Network.Scenarios).
/// </summary>
public enum QkdProtocol
{
    /// <summary><c>bb84-decoy</c>: prepare-and-measure BB84 with weak coherent pulses and vacuum + weak decoys.</summary>
    Bb84Decoy,

    /// <summary><c>bbm92</c>: entanglement-based BB84 on delivered pairs or an entangled-photon (SPDC) source.</summary>
    Bbm92,
}
