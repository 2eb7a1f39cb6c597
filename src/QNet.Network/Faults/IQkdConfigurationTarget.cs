namespace QNet.Network.Faults;

/// <summary>
/// Where a <c>qkd-config-skew</c> fault lands: the QKD post-processing of a link, which moves one end to another
/// configuration version and back. Implemented by whoever runs the QKD links (the control plane's twin).
/// </summary>
public interface IQkdConfigurationTarget
{
    /// <summary>Moves one end of <paramref name="linkId"/> to post-processing configuration <paramref name="version"/>.</summary>
    void Skew(string linkId, int version);

    /// <summary>Both ends of <paramref name="linkId"/> run the same configuration again.</summary>
    void Unskew(string linkId);
}
