namespace QNet.ControlPlane.Twin;

/// <summary>What became of a request to change one end's post-processing configuration.</summary>
internal enum QkdConfigurationOutcome
{
    /// <summary>The end now runs the requested version.</summary>
    Applied,

    /// <summary>Refused: the other end does not support the requested version.</summary>
    Refused,

    /// <summary>No such version.</summary>
    UnknownVersion,

    /// <summary>No such QKD link.</summary>
    UnknownLink,
}

/// <summary>The outcome of a configuration change and the sentence that explains it (shown to operators as is).</summary>
internal sealed record QkdConfigurationChange(QkdConfigurationOutcome Outcome, string Message)
{
    /// <summary>Whether the change was applied.</summary>
    public bool Applied => Outcome == QkdConfigurationOutcome.Applied;
}
