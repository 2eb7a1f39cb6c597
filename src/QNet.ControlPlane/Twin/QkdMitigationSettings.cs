namespace QNet.ControlPlane.Twin;

/// <summary>
/// What a QKD link does by itself about key mismatches (F7) and a QBER past the abort threshold (F5 and others).
/// </summary>
/// <param name="RollbackAfterFailures">Key verification failures in a row (no agreeing block between) after which a link whose ends no longer interoperate rolls back to the last configurations they shared.</param>
/// <param name="PauseQber">Estimated QBER (from the block's disclosed test sample) at or above which key production pauses: 0.11, where the one-way BB84 key rate 1 − 2h(Q) of Shor and Preskill reaches zero.</param>
/// <param name="ResumeQber">Estimated QBER at or below which a paused link resumes; below <paramref name="PauseQber"/>, so a QBER hovering at the threshold does not flap.</param>
/// <param name="Rollback">Whether automatic rollback is on.</param>
/// <param name="Pause">Whether the QBER pause is on.</param>
internal sealed record QkdMitigationSettings(
    int RollbackAfterFailures = 3,
    double PauseQber = 0.11,
    double ResumeQber = 0.09,
    bool Rollback = true,
    bool Pause = true)
{
    /// <summary>Failures in a row before a rollback.</summary>
    public int RollbackAfterFailures { get; } = RollbackAfterFailures >= 1
        ? RollbackAfterFailures : throw new ArgumentOutOfRangeException(nameof(RollbackAfterFailures), RollbackAfterFailures, "rollbackAfterFailures must be at least 1.");

    /// <summary>Pause threshold.</summary>
    public double PauseQber { get; } = PauseQber is > 0 and <= 0.5
        ? PauseQber : throw new ArgumentOutOfRangeException(nameof(PauseQber), PauseQber, "pauseQber must lie in (0, 0.5].");

    /// <summary>Resume threshold.</summary>
    public double ResumeQber { get; } = ResumeQber >= 0 && ResumeQber < PauseQber
        ? ResumeQber : throw new ArgumentOutOfRangeException(nameof(ResumeQber), ResumeQber, "resumeQber must be at least 0 and below pauseQber.");
}
