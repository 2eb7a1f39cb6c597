using System.ComponentModel;
using QNet.ControlPlane.Etsi;
using Spectre.Console;
using Spectre.Console.Cli;

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

        [CommandOption("--force")]
        [Description("Replace an SAE that exists already: its current certificate is revoked (refused by the ETSI API from then on), a new one issued, and the SAE registered at --node. Recorded in the audit trail. Without it an existing SAE is refused.")]
        public bool Force { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Node) ? ValidationResult.Error("--node is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!await RequiredData.KmsStoreExistsAsync(settings, cancellationToken))
        {
            return ExitCodes.InvalidInput;
        }

        var outcome = await KmsAdministration.IssueSaeAsync(settings.Data, settings.Name, settings.Node!, settings.Store, settings.MasterKey, TimeProvider.System,
            replace: settings.Force, cancellationToken: cancellationToken);
        if (outcome.Certificate is not { } issued)
        {
            Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(outcome.Refusal ?? "not issued")}");
            return ExitCodes.InvalidInput;
        }
        AnsiConsole.WriteLine($"issued {issued.CertificatePath}");
        AnsiConsole.WriteLine($"key    {issued.KeyPath}");
        if (issued.RevokedSerial is { } revoked)
        {
            AnsiConsole.WriteLine($"revoked the previous certificate (serial {revoked}); it no longer authenticates");
        }

        AnsiConsole.WriteLine($"registered SAE {settings.Name} at KME {settings.Node}");
        return 0;
    }
}
