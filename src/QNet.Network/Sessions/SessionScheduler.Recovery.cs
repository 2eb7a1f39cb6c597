using QNet.Kernel;

namespace QNet.Network.Sessions;

// Recovery: a session a fault left without a path is suspended (reported failed, memory returned) and re-admitted
// under the retry policy, so the network returns to steady state by itself once the fault clears.
public sealed partial class SessionScheduler
{
    /// <summary>How sessions failed by a fault are re-admitted (default <see cref="RetryPolicy.Default"/>).</summary>
    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    // It lost its path to a fault: failed for now, memory returned, first attempt after the policy's first delay.
    private void Suspend(Session session, string reason)
    {
        session.Suspend(_sim.Now.Picoseconds, reason);
        if (Retry.MaxAttempts == 0)
        {
            GiveUp(session);
            return;
        }
        Notify(session, SessionChange.Suspended);
        ScheduleRetry(session, Retry.DelayBefore(1));
    }

    private void ScheduleRetry(Session session, double delaySeconds)
    {
        SimTime at = _sim.Now + SimTime.FromSeconds(delaySeconds);
        session.NextRetryAt = at.Picoseconds;
        _sim.ScheduleAt(at, this, RetryEvent, session.Index, priority: -session.Request.Priority);
    }

    // A retry event came due: decide again; running again if admitted, else the next attempt after a longer wait.
    private void TryReadmit(Session session)
    {
        if (!session.Suspended || session.NextRetryAt != _sim.Now.Picoseconds)
        {
            return; // it gave up, or a later (or earlier, triggered) attempt replaced this one
        }
        int attempt = session.NextRetry();
        AdmissionDecision again = _admission.Decide(session.Request);
        if (again.Admitted)
        {
            session.Resume(again);
            StartOn(session, again);
            Notify(session, SessionChange.Readmitted);
            return;
        }
        if (Retry.MaxAttempts is { } most && attempt >= most)
        {
            GiveUp(session);
            return;
        }
        ScheduleRetry(session, Retry.DelayBefore(attempt + 1));
    }

    // Something came back (a link restored, a changed link or node): every suspended session tries now, except those
    // this very change suspended.
    private void RetrySuspendedNow()
    {
        long now = _sim.Now.Picoseconds;
        foreach (Session session in _admitted.Values.Where(s => s.Suspended && s.EndedAt != now).ToArray())
        {
            ScheduleRetry(session, 0);
        }
    }

    // It stays failed for good: its time is up, or the policy's attempts are spent.
    private void GiveUp(Session session)
    {
        session.GiveUp();
        _admitted.Remove(session.Id);
        _ended[session.Id] = session;
        Notify(session, SessionChange.Failed);
        Finished(session);
    }
}
