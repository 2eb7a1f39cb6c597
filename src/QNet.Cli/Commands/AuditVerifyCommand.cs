using System.ComponentModel;
using Spectre.Console.Cli;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Audit;

namespace QNet.Cli.Commands;

/// <summary><c>qnet audit verify</c>: checks the KMS audit chain; exit code 0 when intact, 1 when tampered with, 2 for a malformed checkpoint.</summary>
internal sealed class AuditVerifyCommand : AsyncCommand<AuditVerifyCommand.Settings>
{
    internal sealed class Settings : KmsDataSettings
    {
        [CommandOption("--checkpoint <SEQ:HASH>")]
        [Description("A head printed by an earlier verify (or the exported qnet_kms_audit_head_sequence with its hash): the trail must still hold that entry with that hash. This is what catches entries removed from the tail.")]
        public string? Checkpoint { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        AuditCheckpoint? checkpoint = null;
        if (settings.Checkpoint is not null && !AuditCheckpoint.TryParse(settings.Checkpoint, out checkpoint, out var error))
        {
            Console.Error.WriteLine($"--checkpoint: {error}");
            return 2;
        }
        var result = await KmsAdministration.VerifyAuditAsync(settings.Data, settings.Store, settings.MasterKey, checkpoint, cancellationToken);
        if (result.IsIntact)
        {
            Console.WriteLine($"audit trail intact: {result.VerifiedEntries} entries, head {result.HeadHash}");
            if (checkpoint is not null) Console.WriteLine($"checkpoint {checkpoint.Sequence} found with its recorded hash");
            if (result.Checkpoint is { } head) Console.WriteLine($"record this checkpoint elsewhere and pass it to a later verify: --checkpoint {head}");
            return 0;
        }
        Console.WriteLine($"audit trail BROKEN at entry {result.FirstBadSequence}: {result.Problem} ({result.VerifiedEntries} entries verified before it)");
        return 1;
    }
}
