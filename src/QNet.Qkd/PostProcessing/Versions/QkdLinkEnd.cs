namespace QNet.Qkd.PostProcessing.Versions;

/// <summary>One end of a QKD link.</summary>
public enum QkdLinkEnd
{
    /// <summary>The end that sends the quantum signals (Alice, the link's first node).</summary>
    Initiator,

    /// <summary>The end that measures them (Bob, the link's second node).</summary>
    Responder,
}
