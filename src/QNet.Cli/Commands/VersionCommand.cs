using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet version</c>: prints the version of this build.</summary>
internal sealed class VersionCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        AnsiConsole.WriteLine(typeof(VersionCommand).Assembly.GetName().Version?.ToString() ?? "unknown");
        return 0;
    }
}
