using System.ComponentModel;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Pki;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet pki issue-node NAME</c>: issues the client certificate a node's agent presents to the control plane.</summary>
internal sealed class PkiIssueNodeCommand : Command<PkiIssueNodeCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The node's id in the network; becomes the certificate's subject CN (with OU=qnet-node).")]
        public string Name { get; init; } = "";

        [CommandOption("--data <DIR>")]
        [Description("Data directory holding the development PKI (DIR/pki; created when missing). Default ./qnet-data.")]
        public string Data { get; init; } = "qnet-data";

        [CommandOption("--force")]
        [Description("Replace the node's existing certificate. Without it an existing one is refused.")]
        public bool Force { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var pki = new DevPki(new KmsDataLayout(settings.Data).PkiDirectory, TimeProvider.System);
        if (pki.Initialize())
        {
            AnsiConsole.WriteLine($"created development PKI in {pki.Directory} (ca.crt, kme.crt)");
        }
        try
        {
            var issued = pki.IssueNode(settings.Name, settings.Force);
            AnsiConsole.WriteLine($"issued {issued.CertificatePath}");
            AnsiConsole.WriteLine($"key    {issued.KeyPath}");
            AnsiConsole.WriteLine($"run the node's agent with `qnet agent --node {settings.Name} --control-plane https://127.0.0.1:PORT --data {settings.Data}`");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Output.Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message.Split(" (Parameter")[0])}");
            return ExitCodes.InvalidInput;
        }
    }
}
