using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using QNet.ControlPlane.Etsi;

namespace QNet.Cli.Commands;

/// <summary><c>qnet pki issue-sae NAME --node NODE</c>: issues an SAE client certificate and registers the SAE to a KME.</summary>
internal sealed class PkiIssueSaeCommand : AsyncCommand<PkiIssueSaeCommand.Settings>
{
    internal sealed class Settings : KmsDataSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("SAE ID; becomes the certificate's subject CN.")]
        public string Name { get; init; } = "";

        [CommandOption("--node <NODE>")]
        [Description("The node (KME) the SAE is attached to.")]
        public string? Node { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Node) ? ValidationResult.Error("--node is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!await RequiredData.KmsStoreExistsAsync(settings, cancellationToken)) return ExitCodes.InvalidInput;
        var (cert, key) = await KmsAdministration.IssueSaeAsync(settings.Data, settings.Name, settings.Node!, settings.Store, settings.MasterKey, TimeProvider.System, cancellationToken);
        AnsiConsole.WriteLine($"issued {cert}");
        AnsiConsole.WriteLine($"key    {key}");
        AnsiConsole.WriteLine($"registered SAE {settings.Name} at KME {settings.Node}");
        return 0;
    }
}
