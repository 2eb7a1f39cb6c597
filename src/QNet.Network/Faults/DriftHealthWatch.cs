using System.Globalization;
using QNet.Network.Sessions;

namespace QNet.Network.Faults;

/// <summary>
/// Slow drifts (F3 <c>temperature-drift</c>, F8 <c>calibration-drift</c>) retune links in place, so unlike a sudden fault
/// no admission re-decides the sessions on them. This watch judges them by what they deliver instead: at every drift
/// step (<see cref="FaultInjector.StepSeconds"/>) it reads each serving session's pairs since the previous step; a session
/// whose pairs mostly miss its fidelity target (more than <see cref="MissShare"/> of at least <see cref="MinPairs"/>) for
/// <see cref="SustainedSteps"/> steps in a row is marked degraded, and a degraded one whose pairs mostly meet it again for
/// as many steps (after a calibration) is marked recovered. A step with too few pairs judges nothing and keeps the streak.
/// Clearing the drift restarts the sessions on the healed physics, which re-decides them as for any fault.
/// </summary>
internal sealed class DriftHealthWatch(SessionScheduler scheduler)
{
    /// <summary>Steps in a row a verdict must hold before the session's status changes (two simulated minutes).</summary>
    public const int SustainedSteps = 2;

    /// <summary>Fewest pairs (delivered and missed) a step needs to judge a session.</summary>
    public const long MinPairs = 10;

    /// <summary>Share of a step's pairs below target above which the step counts as missing.</summary>
    public const double MissShare = 0.5;

    private readonly Dictionary<string, Streak> _streaks = new(StringComparer.Ordinal);

    /// <summary>Reads every serving session's pairs since the last check and marks the sustained misses and recoveries.</summary>
    public void Check()
    {
        var serving = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in scheduler.ServingIds.ToArray())
        {
            serving.Add(id);
            if (scheduler.TargetCounts(id) is not { } counts)
            {
                continue;
            }
            var (delivered, below) = counts;
            if (!_streaks.TryGetValue(id, out Streak? s) || delivered < s.Delivered || below < s.Below)
            {
                // First sight, or restarted since (its counts began again): this step only sets the baseline.
                _streaks[id] = new Streak { Delivered = delivered, Below = below };
                continue;
            }
            long served = delivered - s.Delivered, missed = below - s.Below;
            (s.Delivered, s.Below) = (delivered, below);
            if (served + missed < MinPairs)
            {
                continue;
            }
            bool missing = missed > MissShare * (served + missed);
            s.Count = missing == s.Missing ? s.Count + 1 : 1;
            s.Missing = missing;
            if (s.Count < SustainedSteps)
            {
                continue;
            }
            if (missing)
            {
                double target = scheduler.RequestOf(id)?.MinFidelity ?? double.NaN;
                scheduler.MarkDegraded(id, string.Create(CultureInfo.InvariantCulture,
                    $"its pairs missed its fidelity target {target:G4} for {SustainedSteps * FaultInjector.StepSeconds:G4} s in a row (a slow drift; calibration or the drift's clear restores it)"));
            }
            else
            {
                scheduler.MarkRecovered(id);
            }
        }
        foreach (string gone in _streaks.Keys.Where(k => !serving.Contains(k)).ToArray())
        {
            _streaks.Remove(gone);
        }
    }

    private sealed class Streak
    {
        public long Delivered;
        public long Below;
        public bool Missing;
        public int Count;
    }
}
