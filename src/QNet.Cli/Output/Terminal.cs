using Spectre.Console;

namespace QNet.Cli.Output;

/// <summary>Terminal helpers: an error console on standard error, and progress bars that never touch standard output.</summary>
internal static class Terminal
{
    /// <summary>A console writing to standard error (errors, progress).</summary>
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on standard error when it is a terminal and
    /// <paramref name="show"/> is set. The work reports (part index, fraction of that part done).
    /// </summary>
    public static T WithProgress<T>(bool show, string title, int parts, Func<Action<int, double>, T> work)
    {
        if (!show || Console.IsErrorRedirected || !Error.Profile.Capabilities.Interactive)
        {
            return work((_, _) => { });
        }
        T result = default!;
        Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(title), maxValue: parts);
                double[] done = new double[parts];
                object gate = new();
                result = work((part, fraction) =>
                {
                    lock (gate)
                    {
                        done[part] = fraction;
                        task.Value = done.Sum();
                    }
                });
                task.Value = parts;
            });
        return result;
    }
}
