namespace QNet.Qkd.PostProcessing;

/// <summary>What privacy amplification made of one reconciled block.</summary>
/// <param name="Outcome">What became of the block.</param>
/// <param name="Key">Alice's key block, when one was produced.</param>
/// <param name="KeysIdentical">Simulation-only check that Alice's and Bob's final keys are bit-for-bit equal (false when no key was produced).</param>
internal sealed record DistilledKey(QkdBlockOutcome Outcome, QkdKeyBlock? Key, bool KeysIdentical);
