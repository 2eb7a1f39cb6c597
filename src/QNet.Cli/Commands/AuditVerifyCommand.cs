using System.ComponentModel;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// <c>qnet audit verify</c>: checks the KMS audit chain, opening the store read-only (it never creates or migrates
/// one). Exit code 0 when intact, 1 when tampered with (including a trail removed where the store's records need one),
/// 2 when it cannot verify: a malformed checkpoint, no store there, or a master key that is missing or not the store's.
/// </summary>
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
        AuditVerification result;
        try
        {
            result = await KmsAdministration.VerifyAuditAsync(settings.Data, settings.Store, settings.MasterKey, checkpoint, cancellationToken);
        }
        catch (MasterKeyException missing)
        {
            RequiredData.Report(missing.Message);
            return ExitCodes.InvalidInput;
        }
        switch (result.Verdict)
        {
            case AuditVerdict.Intact:
                Console.WriteLine($"audit trail intact: {result.VerifiedEntries} entries, head {result.HeadHash}");
                if (checkpoint is not null)
                {
                    Console.WriteLine($"checkpoint {checkpoint.Sequence} found with its recorded hash");
                }

                if (result.Checkpoint is { } head)
                {
                    Console.WriteLine($"record this checkpoint elsewhere and pass it to a later verify: --checkpoint {head}");
                }

                return ExitCodes.Ok;
            case AuditVerdict.NoStore:
                RequiredData.Report(RequiredData.Missing(settings));
                return ExitCodes.InvalidInput;
            case AuditVerdict.WrongKey:
                RequiredData.Report($"cannot verify: {result.Problem}");
                return ExitCodes.InvalidInput;
            default:
                Console.WriteLine($"audit trail BROKEN at entry {result.FirstBadSequence}: {result.Problem} ({result.VerifiedEntries} entries verified before it)");
                return 1;
        }
    }
}
