namespace QNet.Qkd.Sweep;

/// <summary>The QKD protocols a sweep can run.</summary>
public enum QkdProtocol
{
    /// <summary>Decoy-state BB84 with weak coherent pulses (signal, decoy, vacuum).</summary>
    Bb84Decoy,

    /// <summary>BBM92 with an entangled-photon (SPDC) source in the middle of the link.</summary>
    Bbm92,
}
