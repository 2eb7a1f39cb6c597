using QNet.Network.Scenarios;
using QNet.Physics.Hardware;

namespace QNet.ControlPlane.ConfigChanges;

/// <summary>A link setting an operator tunes through a safe configuration change (docs/config-changes.md).</summary>
internal enum ConfigField
{
    /// <summary>Bright-state population a of a single-click link (0 &lt; a ≤ 0.5): rate ∝ a, fidelity ≈ 1 − a.</summary>
    BrightStatePopulation,

    /// <summary>Efficiency of the link's photon source (0 &lt; η ≤ 1), physical schemes.</summary>
    SourceEfficiency,

    /// <summary>Detection efficiency of the link's detectors (0 &lt; η ≤ 1), physical schemes.</summary>
    DetectorEfficiency,

    /// <summary>Detector gate (detection window) in seconds (0 &lt; w ≤ 1 µs), physical schemes: a wider gate lets in more dark counts.</summary>
    DetectionWindow,

    /// <summary>Post-processing configuration version of both ends of a decoy-BB84 QKD link.</summary>
    PostProcessingVersion,
}

/// <summary>The wire names of <see cref="ConfigField"/>, the links each applies to, its valid range, and how it reads and sets a link spec.</summary>
internal static class ConfigFields
{
    /// <summary>Widest detector gate a change may set, in seconds.</summary>
    public const double MaxDetectionWindowSeconds = 1e-6;

    private static readonly (ConfigField Field, string Name)[] Table =
    [
        (ConfigField.BrightStatePopulation, "bright-state-population"),
        (ConfigField.SourceEfficiency, "source-efficiency"),
        (ConfigField.DetectorEfficiency, "detector-efficiency"),
        (ConfigField.DetectionWindow, "detection-window"),
        (ConfigField.PostProcessingVersion, "post-processing-version"),
    ];

    /// <summary>Every wire name, for messages.</summary>
    public static string Alternatives => string.Join(", ", Table.Select(t => t.Name));

    public static string Of(ConfigField field) => Table.First(t => t.Field == field).Name;

    public static bool TryParse(string? name, out ConfigField field)
    {
        foreach (var (f, n) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                field = f;
                return true;
            }
        }
        field = default;
        return false;
    }

    /// <summary>Whether the field is a QKD link's (its SLI is key verification) rather than an entanglement link's.</summary>
    public static bool IsQkd(ConfigField field) => field == ConfigField.PostProcessingVersion;

    /// <summary>Why <paramref name="field"/> does not apply to <paramref name="link"/>, or null when it does.</summary>
    public static string? NotApplicable(ConfigField field, LinkSpec link) => field switch
    {
        ConfigField.PostProcessingVersion => link.Qkd is { Protocol: QNet.Qkd.QkdProtocol.Bb84Decoy } && link.Heralding == HeraldingScheme.Direct
            ? null : $"link '{link.Id}' does not run decoy-BB84 QKD, so it has no post-processing version",
        _ when link.Qkd is not null => $"link '{link.Id}' carries QKD only; its tunable field is post-processing-version",
        ConfigField.BrightStatePopulation => link.Heralding == HeraldingScheme.SingleClick
            ? null : $"link '{link.Id}' is {ScenarioNames.Of(link.Heralding)}; bright-state-population applies to single-click links only",
        _ => link.Heralding == HeraldingScheme.Probabilistic ? $"link '{link.Id}' is probabilistic and has no source or detectors" : null,
    };

    /// <summary>Why <paramref name="value"/> is not valid for <paramref name="field"/>, or null.</summary>
    public static string? Invalid(ConfigField field, double value) => field switch
    {
        _ when !double.IsFinite(value) => "must be a finite number",
        ConfigField.BrightStatePopulation when value is <= 0 or > 0.5 => "must lie in (0, 0.5] (the bright-state population a; fidelity is about 1 − a)",
        ConfigField.SourceEfficiency or ConfigField.DetectorEfficiency when value is <= 0 or > 1 => "must lie in (0, 1] (an efficiency)",
        ConfigField.DetectionWindow when value is <= 0 or > MaxDetectionWindowSeconds => $"must lie in (0, {MaxDetectionWindowSeconds}] seconds",
        ConfigField.PostProcessingVersion when value != Math.Floor(value) || QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Find((int)value) is null =>
            $"unknown post-processing version {value}; known versions are {QNet.Qkd.PostProcessing.Versions.PostProcessingVersions.Known}",
        _ => null,
    };

    /// <summary>The field's value on an entanglement link's spec.</summary>
    public static double Read(ConfigField field, LinkSpec link) => field switch
    {
        ConfigField.BrightStatePopulation => link.BrightStatePopulation ?? 0,
        ConfigField.SourceEfficiency => (link.Source ?? PhotonSource.Ideal).Efficiency,
        ConfigField.DetectorEfficiency => (link.Detector ?? new Detector()).Efficiency,
        ConfigField.DetectionWindow => (link.Detector ?? new Detector()).DetectionWindowSeconds,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a link spec field"),
    };

    /// <summary>An entanglement link's spec with the field set to <paramref name="value"/> (validated by <see cref="Invalid"/> first).</summary>
    public static LinkSpec Set(ConfigField field, LinkSpec link, double value)
    {
        var detector = link.Detector ?? new Detector();
        return field switch
        {
            ConfigField.BrightStatePopulation => link with { BrightStatePopulation = value },
            ConfigField.SourceEfficiency => link with { Source = new PhotonSource(value, (link.Source ?? PhotonSource.Ideal).RepetitionRateHz) },
            ConfigField.DetectorEfficiency => link with { Detector = WithDetector(detector, value, detector.DetectionWindowSeconds) },
            ConfigField.DetectionWindow => link with { Detector = WithDetector(detector, detector.Efficiency, value) },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a link spec field"),
        };
    }

    // Detector's positional members are get-only, so a copy is rebuilt. Its dark counts are carried as a rate (a detector
    // given by a probability per window converts exactly at its own window), so a wider gate collects more of them.
    private static Detector WithDetector(Detector d, double efficiency, double window) =>
        new(efficiency, d.NoiseClickRateHz - d.BackgroundRateHz, window, d.Misalignment) { BackgroundRateHz = d.BackgroundRateHz, DeadTimeSeconds = d.DeadTimeSeconds };
}
