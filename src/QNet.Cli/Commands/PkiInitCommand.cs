using QNet.ControlPlane.Etsi;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet pki init</c>: creates the development CA and KME server certificate.</summary>
internal sealed class PkiInitCommand : Command<KmsDataSettings>
{
    public override int Execute(CommandContext context, KmsDataSettings settings, CancellationToken cancellationToken)
    {
        var created = KmsAdministration.InitializePki(settings.Data, TimeProvider.System);
        var dir = new KmsDataLayout(settings.Data).PkiDirectory;
        AnsiConsole.WriteLine(created ? $"created development PKI in {dir} (ca.crt, kme.crt)" : $"development PKI already present in {dir}");
        return 0;
    }
}
