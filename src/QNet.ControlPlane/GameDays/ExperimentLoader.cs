using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Slo;
using QNet.Network.Scenarios;
using QNet.Sre.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.ControlPlane.GameDays;

/// <summary>The loaded experiment, or every problem found in its file (then nothing may run).</summary>
internal sealed record ExperimentLoadResult(Experiment? Experiment, IReadOnlyList<ExperimentError> Errors);

/// <summary>
/// Reads an experiment file, YAML or JSON (JSON is read as the YAML it also is, so both report lines), and checks
/// every field against the experiment's own rules and against its network: fault kinds and targets, probe and SLI
/// names, alert and SLO names of the default rules, session endpoints, durations and tolerances. Every problem is
/// reported as <c>file:line: field: message</c>; an experiment with any problem is refused before anything runs.
/// </summary>
internal static class ExperimentLoader
{
    /// <summary>The <c>configuration.scenario</c> value of the built-in metro network (the default).</summary>
    public const string BuiltInScenario = "metro";

    private static readonly string[] TopKeys =
        ["version", "title", "description", "tags", "contributions", "configuration", "steady-state-hypothesis", "method", "rollbacks", "expectations"];

    /// <summary>Loads <paramref name="path"/>; a file that cannot be read is one error.</summary>
    public static ExperimentLoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, [new ExperimentError(path, 0, "(file)", "cannot be read: " + (e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : "access denied or I/O error"))]);
        }
        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses experiment text; <paramref name="directory"/> resolves a scenario path relative to the file.</summary>
    public static ExperimentLoadResult Parse(string text, string source, string directory)
    {
        var f = new ExperimentFields(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            f.Errors.Add(new ExperimentError(source, (int)e.Start.Line, "(syntax)", "not valid YAML or JSON: " + FirstLine(e.Message)));
            return new(null, f.Errors);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            f.Error(null, "(file)", "must hold one experiment: a mapping with title, steady-state-hypothesis and method");
            return new(null, f.Errors);
        }

        f.CheckKeys(root, "", TopKeys);
        var version = f.Str(root, "version", "", required: false) ?? "1.0.0";
        var title = f.Str(root, "title", "", required: true) ?? "";
        var description = f.Str(root, "description", "", required: false) ?? "";
        var configuration = ReadConfiguration(f, f.Map(root, "configuration", "", required: false), root, directory);
        var reader = new ExperimentStepReader(f, configuration?.Scenario ?? DefaultScenario.Load(), KnownAlerts(), KnownSlos());

        var hypothesis = f.Map(root, "steady-state-hypothesis", "", required: true);
        string hypothesisTitle = "";
        var probes = new List<ProbeSpec>();
        if (hypothesis is not null)
        {
            f.CheckKeys(hypothesis, "steady-state-hypothesis", "title", "probes");
            hypothesisTitle = f.Str(hypothesis, "title", "steady-state-hypothesis", required: true) ?? "";
            var list = f.Seq(hypothesis, "probes", "steady-state-hypothesis", required: true);
            for (int i = 0; list is not null && i < list.Children.Count; i++)
            {
                if (reader.Probe(list.Children[i], ExperimentFields.Index("steady-state-hypothesis.probes", i), toleranceRequired: true) is { } p)
                {
                    probes.Add(p);
                }
            }
        }
        var method = reader.Steps(f.Seq(root, "method", "", required: true), "method", required: true);
        var rollbacks = reader.Steps(f.Seq(root, "rollbacks", "", required: false), "rollbacks", required: false);
        reader.CheckClears(method.Concat(rollbacks));
        var expectations = reader.Expectations(f.Seq(root, "expectations", "", required: false), method);

        if (f.Errors.Count > 0 || configuration is null)
        {
            return new(null, f.Errors);
        }
        return new(new Experiment(version, title, description, configuration, hypothesisTitle, probes, method, rollbacks, expectations), []);
    }

    private static ExperimentConfiguration? ReadConfiguration(ExperimentFields f, YamlMappingNode? map, YamlMappingNode root, string directory)
    {
        const string path = "configuration";
        if (map is not null)
        {
            f.CheckKeys(map, path, "scenario", "seed", "warmup", "duration");
        }
        var name = f.Str(map, "scenario", path, required: false) ?? BuiltInScenario;
        Scenario? scenario;
        if (name == BuiltInScenario)
        {
            scenario = DefaultScenario.Load();
        }
        else
        {
            var loaded = ScenarioLoader.LoadFile(Path.Combine(directory, name));
            scenario = loaded.Scenario;
            if (scenario is null)
            {
                var first = loaded.Errors.Count > 0 ? loaded.Errors[0] : null;
                f.Error(ExperimentFields.Get(map, "scenario"), path + ".scenario",
                    $"'{name}' is not a usable scenario ({(first is null ? "unreadable" : first.Field + ": " + first.Message)}); use '{BuiltInScenario}' for the built-in network or a path relative to the experiment");
            }
        }

        ulong seed = scenario?.Seed ?? 1;
        if (f.Str(map, "seed", path, required: false) is { } seedText)
        {
            if (!ulong.TryParse(seedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed))
            {
                f.Error(ExperimentFields.Get(map, "seed"), path + ".seed", $"'{seedText}' must be a whole number from 0");
            }
        }
        double warmup = f.Duration(map, "warmup", path, required: false) ?? 300;
        double? duration = f.Duration(map, "duration", path, required: false);
        if (duration is { } d && d < warmup)
        {
            f.Error(ExperimentFields.Get(map, "duration"), path + ".duration", "must be at least the warm-up (default 5min)");
        }
        if (duration > Scenario.MaxDurationSeconds)
        {
            f.Error(ExperimentFields.Get(map, "duration"), path + ".duration", "must be at most 100 days");
        }
        return scenario is null ? null : new ExperimentConfiguration(scenario with { Seed = seed }, name, seed, warmup, duration ?? 0);
    }

    // The alert names the default rules raise (the offline monitor's and qnet up's).
    private static IReadOnlyList<string> KnownAlerts() =>
        new SloEvaluator(SloMonitor.LoadSpecs([]), new InMemoryMetricHistory(), TimeProvider.System).AlertNames;

    private static string[] KnownSlos() => SloMonitor.LoadSpecs([]).Slos.Select(s => s.Name).ToArray();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
