namespace QNet.Network.Links;

/// <summary>One channel of a link runtime: when it may attempt next and where its current run of attempts stands.</summary>
internal struct ChannelState
{
    public long NextStart;       // earliest start of the channel's next attempt, ps
    public long ChainStart;      // skipping: when the current run of attempts began, ps
    public long PendingAttempts; // skipping: attempts in the current run, the last one succeeds
    public bool Busy;            // holding a pair or waiting for an outcome
    public bool Holding;         // holding a pair
}
