namespace QNet.Cli;

/// <summary>Process exit codes shared by every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A file or option could not be read (missing file, unreadable).</summary>
    public const int CannotRead = 1;

    /// <summary>The input is invalid (scenario errors, bad option values).</summary>
    public const int InvalidInput = 2;

    /// <summary><c>qnet up</c> on PostgreSQL: the replica lost the leader lease (or could not take over) and stopped; restart it to rejoin as a follower.</summary>
    public const int LostLease = 3;
}
