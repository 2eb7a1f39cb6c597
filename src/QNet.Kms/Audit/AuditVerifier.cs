using System.Security.Cryptography;
using QNet.Kms.Crypto;

namespace QNet.Kms.Audit;

/// <summary>Checks an audit trail: sequence numbers 1, 2, 3… without gaps, each entry linked to its predecessor, each hash recomputed.</summary>
public static class AuditVerifier
{
    /// <summary>Verifies <paramref name="entries"/> (in stored order) under <paramref name="master"/>.</summary>
    /// <param name="checkpoint">A head recorded earlier (from a previous verification or the exported
    /// <c>qnet_kms_audit_head_sequence</c>): the trail must still hold that entry with that hash, which is what
    /// reveals entries removed from the tail, the one change a chain alone cannot show.</param>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, MasterKey master, AuditCheckpoint? checkpoint = null)
    {
        var chain = new AuditChain(master);
        var expectedSequence = 1L;
        var previous = AuditChain.Genesis;
        var count = 0L;
        foreach (var e in entries)
        {
            if (e.Sequence != expectedSequence)
            {
                return AuditVerification.Broken(count, e.Sequence, e.Sequence < expectedSequence
                    ? $"entry {e.Sequence} appears after entry {expectedSequence - 1}: entries were reordered"
                    : $"entry {expectedSequence} is missing (next is {e.Sequence}): entries were removed");
            }

            if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, previous))
            {
                return AuditVerification.Broken(count, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1}: entries were removed, reordered or rewritten");
            }

            var recomputed = chain.HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Outcome, e.Detail, e.PreviousHash);
            if (!CryptographicOperations.FixedTimeEquals(recomputed, e.Hash))
            {
                return AuditVerification.Broken(count, e.Sequence, $"entry {e.Sequence} was edited: its hash does not match its content");
            }

            if (checkpoint is not null && e.Sequence == checkpoint.Sequence && !CryptographicOperations.FixedTimeEquals(e.Hash, checkpoint.Hash))
            {
                return AuditVerification.Broken(count, e.Sequence, $"entry {e.Sequence} differs from the recorded checkpoint: the trail was rewritten from there on");
            }

            previous = e.Hash;
            expectedSequence++;
            count++;
        }
        if (checkpoint is not null && count < checkpoint.Sequence)
        {
            return AuditVerification.Broken(count, count + 1, $"the trail ends at entry {count} but the checkpoint recorded entry {checkpoint.Sequence}: entries were removed from its tail");
        }

        return new AuditVerification(AuditVerdict.Intact, count, null, null, Convert.ToHexStringLower(previous));
    }
}
