using QNet.Cli.Output;
using QNet.ControlPlane.Twin;
using Spectre.Console;

namespace QNet.Cli.Commands;

/// <summary>
/// The check of <c>QNET_TWIN_THREADS</c> (<see cref="TwinParallelism"/>) that every verb building a twin makes before it
/// starts anything: a bad value is bad input (exit 2) named on standard error, not a failure from inside the twin's
/// construction once the verb is under way.
/// </summary>
internal static class TwinThreadsCheck
{
    /// <summary>True when the variable is unset or a thread count; otherwise prints what is wrong with it on standard error.</summary>
    public static bool Passes()
    {
        if (TwinParallelism.Problem(Environment.GetEnvironmentVariable(TwinParallelism.Variable)) is not { } problem)
        {
            return true;
        }
        Terminal.Error.MarkupLineInterpolated($"[red]error:[/] {problem}");
        return false;
    }
}
