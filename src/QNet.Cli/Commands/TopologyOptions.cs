using QNet.Network.Generators;
using QNet.Network.Scenarios;

namespace QNet.Cli.Commands;

/// <summary>
/// Turns command-line text into generator, sweep and plan values: quantities with units, scheme
/// names, purification (<c>dejmps:2</c>), integer ranges (<c>0..8</c>) and lists. Every failure is an
/// <see cref="ArgumentException"/> whose message names the option.
/// </summary>
internal static class TopologyOptions
{
    public static TopologySpec ToSpec(TopologySettings s)
    {
        TopologyShape shape = s.Shape switch
        {
            "chain" => TopologyShape.Chain,
            "star" => TopologyShape.Star,
            "grid" => TopologyShape.Grid,
            "ring" => TopologyShape.Ring,
            _ => throw new ArgumentException($"unknown shape '{s.Shape}'; allowed: chain, star, grid, ring."),
        };
        Only(shape == TopologyShape.Grid, "--rows", s.Rows, "grid");
        Only(shape == TopologyShape.Grid, "--cols", s.Cols, "grid");
        Only(shape == TopologyShape.Grid, "--ends", s.Ends, "grid");
        Only(shape != TopologyShape.Grid, "--nodes", s.Nodes, "chain, star and ring (a grid takes --rows and --cols)");
        HeraldingScheme heralding = s.Heralding is null ? HeraldingScheme.SingleClick : Heralding(s.Heralding, "--heralding");
        Only(heralding == HeraldingScheme.SingleClick, "--bright-state", s.BrightState, "--heralding single-click");
        Only(heralding == HeraldingScheme.Probabilistic, "--success-probability", s.SuccessProbability, "--heralding probabilistic");
        Only(heralding == HeraldingScheme.Probabilistic, "--attempt-duration", s.AttemptDuration, "--heralding probabilistic");
        Only(heralding == HeraldingScheme.Probabilistic, "--link-fidelity", s.LinkFidelity, "--heralding probabilistic");
        Only(heralding != HeraldingScheme.Probabilistic, "--detector-efficiency", s.DetectorEfficiency, "physical links (not probabilistic)");
        Only(s.Session, "--min-fidelity", s.MinFidelity, "--session");
        Only(s.Session, "--purification", s.Purification, "--session");
        Only(s.Session, "--cutoff", s.Cutoff, "--session");

        var spec = new TopologySpec(shape)
        {
            Nodes = s.Nodes ?? shape switch { TopologyShape.Ring => 6, TopologyShape.Star => 4, _ => 3 },
            Heralding = heralding,
            Session = s.Session,
        };
        return spec with
        {
            Name = s.Name ?? spec.Name,
            Seed = s.Seed ?? spec.Seed,
            DurationSeconds = s.Duration is null ? spec.DurationSeconds : Value(s.Duration, Dimension.Duration, "--duration"),
            Rows = s.Rows ?? spec.Rows,
            Columns = s.Cols ?? spec.Columns,
            GridEnds = s.Ends switch
            {
                null or "corners" => GridEnds.Corners,
                "all" => GridEnds.All,
                _ => throw new ArgumentException($"--ends must be 'corners' or 'all', not '{s.Ends}'."),
            },
            SpanMetres = s.Span is null ? spec.SpanMetres : Value(s.Span, Dimension.Length, "--span"),
            AttenuationDbPerKm = s.Attenuation is null ? spec.AttenuationDbPerKm : Value(s.Attenuation, Dimension.Attenuation, "--attenuation"),
            BrightStatePopulation = s.BrightState ?? spec.BrightStatePopulation,
            DetectorEfficiency = s.DetectorEfficiency ?? spec.DetectorEfficiency,
            SuccessProbability = s.SuccessProbability,
            AttemptDurationSeconds = s.AttemptDuration is null ? null : Value(s.AttemptDuration, Dimension.Duration, "--attempt-duration"),
            LinkFidelity = s.LinkFidelity ?? spec.LinkFidelity,
            MemorySlotsPerLink = s.MemorySlots ?? spec.MemorySlotsPerLink,
            T2Seconds = s.T2 is null ? spec.T2Seconds : Value(s.T2, Dimension.Duration, "--t2", allowInfinite: true),
            SwapProtocol = s.Swap is null ? SwapProtocol.Asap
                : ScenarioNames.TrySwapProtocol(s.Swap, out SwapProtocol swap) ? swap
                : throw new ArgumentException($"--swap must be 'asap' or 'nested', not '{s.Swap}'."),
            SwapSuccess = s.SwapSuccess ?? spec.SwapSuccess,
            GateDepolarizing = s.GateDepolarizing ?? spec.GateDepolarizing,
            ReadoutError = s.ReadoutError ?? spec.ReadoutError,
            SessionMinFidelity = s.MinFidelity ?? 0,
            SessionPurification = s.Purification is null ? null : Purification(s.Purification, "--purification"),
            SessionCutoffSeconds = s.Cutoff is null ? null : Value(s.Cutoff, Dimension.Duration, "--cutoff"),
        };
    }

    /// <summary>A unit-suffixed value in the internal unit (metres, seconds, dB/km); <c>inf</c> when allowed.</summary>
    public static double Value(string text, Dimension dimension, string option, bool allowInfinite = false)
    {
        if (allowInfinite && text.Trim() is "inf" or "infinite")
        {
            return double.PositiveInfinity;
        }
        return Quantity.TryParse(text, dimension, out Quantity q, out string error) ? q.Value : throw new ArgumentException($"{option}: {error}.");
    }

    /// <summary>A comma list of unit-suffixed values.</summary>
    public static double[] Values(string text, Dimension dimension, string option, bool allowInfinite = false) =>
        text.Split(',').Select(v => Value(v, dimension, option, allowInfinite)).ToArray();

    /// <summary>A heralding scheme by its file name.</summary>
    public static HeraldingScheme Heralding(string text, string option) =>
        SchemeNames.TryParseHeralding(text, out HeraldingScheme scheme)
            ? scheme
            : throw new ArgumentException($"{option} must be one of {string.Join(", ", SchemeNames.Heraldings)} (not '{text}').");

    /// <summary><c>none</c> (null), or <c>dejmps:N</c> / <c>bbpssw:N</c> with N rounds (1..8; <c>dejmps</c> alone is one round).</summary>
    public static PurificationSpec? Purification(string text, string option)
    {
        string t = text.Trim();
        if (t == "none")
        {
            return null;
        }
        string[] parts = t.Split(':');
        PurificationScheme scheme = ScenarioNames.TryPurificationScheme(parts[0], out PurificationScheme named)
            ? named
            : throw new ArgumentException($"{option}: '{t}' is not none, dejmps:N or bbpssw:N.");
        int rounds = 1;
        if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out rounds) || rounds is < 1 or > 8)))
        {
            throw new ArgumentException($"{option}: rounds in '{t}' must be a whole number from 1 to 8.");
        }
        return new PurificationSpec(scheme, rounds);
    }

    /// <summary>Whole numbers: <c>0..8</c> (both ends), a list <c>0,2,4</c>, or one number; each in min..max.</summary>
    public static int[] Integers(string text, string option, int min, int max)
    {
        static bool Int(string s, out int v) => int.TryParse(s.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out v);
        int[] values;
        int dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            if (!Int(text[..dots], out int a) || !Int(text[(dots + 2)..], out int b) || b < a)
            {
                throw new ArgumentException($"{option}: '{text}' is not a range a..b of whole numbers with a ≤ b.");
            }
            values = Enumerable.Range(a, b - a + 1).ToArray();
        }
        else
        {
            values = text.Split(',').Select(v => Int(v, out int n) ? n : throw new ArgumentException($"{option}: '{v.Trim()}' is not a whole number.")).ToArray();
        }
        return values.All(v => v >= min && v <= max) ? values.Distinct().ToArray() : throw new ArgumentException($"{option}: values must lie in {min}..{max} (got {text}).");
    }

    private static void Only<T>(bool allowed, string option, T? value, string where)
    {
        if (!allowed && value is not null && value is not false)
        {
            throw new ArgumentException($"{option} applies only to {where}.");
        }
    }
}
