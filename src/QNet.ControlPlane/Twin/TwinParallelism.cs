using System.Globalization;

namespace QNet.ControlPlane.Twin;

/// <summary>
/// How many threads the twin runs its session partitions on (<see cref="QNet.Network.Sessions.SessionScheduler.PartitionThreads"/>):
/// the environment variable <c>QNET_TWIN_THREADS</c> when set (0 runs every session on the shared simulator), else the
/// machine's processor count. The twin's results do not depend on it; only its speed does.
/// </summary>
internal static class TwinParallelism
{
    /// <summary>The environment variable that sets <see cref="Threads"/>.</summary>
    public const string Variable = "QNET_TWIN_THREADS";

    /// <summary>Threads for the session partitions, 0 for none.</summary>
    public static int Threads => Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The thread count a value of <see cref="Variable"/> asks for (unset or blank: the processor count).</summary>
    public static int Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Environment.ProcessorCount;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int threads)
            ? threads
            : throw new InvalidOperationException(Problem(value));
    }

    /// <summary>What is wrong with a value of <see cref="Variable"/>, naming it; null when it is unset or a thread count.</summary>
    public static string? Problem(string? value) =>
        string.IsNullOrWhiteSpace(value) || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? null
            : $"{Variable}: expected a thread count (0 or more), got '{value}'.";
}
