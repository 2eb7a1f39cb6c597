using System.ComponentModel;
using QNet.ControlPlane.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet token create</c>: creates an API bearer token with a role and prints it once (only its hash is stored).</summary>
internal sealed class TokenCreateCommand : AsyncCommand<TokenCreateCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("viewer (reads) or operator (reads and changes). Default viewer.")]
        public string Role { get; init; } = "viewer";

        [CommandOption("--name <NAME>")]
        [Description("A label to remember the token by. Default: the role.")]
        public string? Name { get; init; }

        [CommandOption("--data <DIR>")]
        [Description("Data folder of `qnet up`. Default ./qnet-data.")]
        public string Data { get; init; } = "qnet-data";

        [CommandOption("--postgres <CONNECTION_STRING>")]
        [Description("The PostgreSQL store `qnet up --postgres` uses, instead of the data folder's SQLite file.")]
        public string? Postgres { get; init; }

        public override ValidationResult Validate() =>
            Role is "viewer" or "operator" ? ValidationResult.Success() : ValidationResult.Error("--role must be viewer or operator");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!await RequiredData.ControlPlaneStoreExistsAsync(settings.Data, settings.Postgres, cancellationToken))
        {
            return ExitCodes.InvalidInput;
        }

        var token = await ControlPlaneAdministration.CreateTokenAsync(settings.Data, settings.Postgres, settings.Role, settings.Name ?? settings.Role, TimeProvider.System, cancellationToken);
        Console.WriteLine(token);
        Output.Terminal.Error.MarkupLine($"[grey]{Markup.Escape(settings.Role)} token created; it is shown only now (the store keeps its SHA-256). Use it as `Authorization: Bearer TOKEN`.[/]");
        return 0;
    }
}
