namespace QNet.Network.Scenarios;

/// <summary>What a calibration job resets.</summary>
[Flags]
public enum CalibrationResets
{
    /// <summary>Nothing (a check only).</summary>
    None = 0,

    /// <summary><c>drift</c>: misalignment drift (links) or temperature drift (nodes) starts again from zero.</summary>
    Drift = 1,

    /// <summary><c>visibility</c>: the sources are resynchronised, clearing visibility drops on the link.</summary>
    Visibility = 2,
}

/// <summary>
/// A calibration job on a link or node (<c>calibration:</c> in scenario files): every <paramref name="EverySeconds"/>
/// the device is taken out of service for <paramref name="DurationSeconds"/> (a link is down, a node's links are down:
/// sessions on it reroute or wait under the retry policy) and at the end what <paramref name="Resets"/> names is reset.
/// </summary>
/// <param name="Target">Link or node id (<c>target</c>).</param>
/// <param name="EverySeconds">Period in simulated seconds (<c>every</c>); the first run is one period after the start.</param>
/// <param name="DurationSeconds">Time out of service per run, in seconds (<c>duration</c>, default 0: instantaneous).</param>
/// <param name="Resets">What it resets (<c>resets</c>, default drift).</param>
public sealed record CalibrationSpec(string Target, double EverySeconds, double DurationSeconds = 0, CalibrationResets Resets = CalibrationResets.Drift)
{
    /// <summary>Target id.</summary>
    public string Target { get; } = !string.IsNullOrWhiteSpace(Target) ? Target : throw new ArgumentException("target must not be empty.", nameof(Target));

    /// <summary>Period in seconds.</summary>
    public double EverySeconds { get; } = RangeRule.SimulatedSpan.Problem(EverySeconds) is { } p
        ? throw new ArgumentOutOfRangeException(nameof(EverySeconds), EverySeconds, "every " + p)
        : EverySeconds;

    /// <summary>Outage per run in seconds, shorter than the period.</summary>
    public double DurationSeconds { get; } = DurationSeconds >= 0 && DurationSeconds < EverySeconds
        ? DurationSeconds
        : throw new ArgumentOutOfRangeException(nameof(DurationSeconds), DurationSeconds, "duration must not be negative and must be shorter than every.");
}
