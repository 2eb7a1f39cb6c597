using Spectre.Console.Cli;
using QNet.ControlPlane.Etsi;

namespace QNet.Cli.Commands;

/// <summary><c>qnet audit verify</c>: checks the KMS audit chain; exit code 0 when intact, 1 when tampered with.</summary>
internal sealed class AuditVerifyCommand : AsyncCommand<KmsDataSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, KmsDataSettings settings, CancellationToken cancellationToken)
    {
        var result = await KmsAdministration.VerifyAuditAsync(settings.Data, settings.Store, settings.MasterKey, cancellationToken);
        if (result.IsIntact)
        {
            Console.WriteLine($"audit trail intact: {result.VerifiedEntries} entries, head {result.HeadHash}");
            return 0;
        }
        Console.WriteLine($"audit trail BROKEN at entry {result.FirstBadSequence}: {result.Problem} ({result.VerifiedEntries} entries verified before it)");
        return 1;
    }
}
