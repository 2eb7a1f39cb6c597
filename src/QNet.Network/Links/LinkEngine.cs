namespace QNet.Network.Links;

/// <summary>How a link's attempts are simulated. Both give the same statistics.</summary>
public enum LinkEngine
{
    /// <summary>Sample the number of attempts up to the next success (geometric) and jump to it: one event per pair.</summary>
    AttemptSkipping,

    /// <summary>One event per attempt, each a Bernoulli draw: exact and slow, for validation.</summary>
    PerAttempt,
}
