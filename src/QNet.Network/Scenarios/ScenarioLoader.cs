using QNet.Network.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios;

/// <summary>
/// Loads scenario files (YAML, or JSON, which is read by the same YAML parser). Never throws for bad
/// input: the result carries either the scenario or every error found, each with file, line, column
/// and field path. The schema is documented in docs/scenarios.md.
/// </summary>
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "duration", "nodes", "links", "sessions", "faults", "calibration", "mitigation"];

    /// <summary>
    /// Reads and parses the file at <paramref name="path"/>; a missing or unreadable file, one that is not a
    /// regular file or one larger than <see cref="ScenarioFile.MaxBytes"/> is an error in the result.
    /// </summary>
    public static ScenarioLoadResult LoadFile(string path, ScenarioUse use = ScenarioUse.Network)
    {
        if (!ScenarioFile.TryRead(path, out string text, out ScenarioError? error))
        {
            return ScenarioLoadResult.Failure([error!]);
        }
        return Parse(text, path, use);
    }

    /// <summary>Parses scenario text; <paramref name="sourceName"/> is the file name used in errors.</summary>
    public static ScenarioLoadResult Parse(string text, string sourceName, ScenarioUse use = ScenarioUse.Network) =>
        ParseEdited(text, sourceName, edit: null, use);

    /// <summary>
    /// Parses scenario text, letting <paramref name="edit"/> change the YAML tree before validation
    /// (sweep overrides, <see cref="ScenarioOverrides"/>), so an edited value gets the same checks and
    /// field path as one written in the file.
    /// </summary>
    internal static ScenarioLoadResult ParseEdited(string text, string sourceName, Action<YamlMappingNode, ErrorSink>? edit, ScenarioUse use)
    {
        var errors = new ErrorSink(sourceName);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(scanner)));
        }
        catch (DepthLimitedParser.Refused e)
        {
            errors.Add(e.Start, ScenarioError.FileField, PlainMessage(e));
            return ScenarioLoadResult.Failure(errors.Errors);
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, ScenarioError.SyntaxField, SyntaxMessage(e));
            return ScenarioLoadResult.Failure(errors.Errors);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18 throws these instead of a YamlException for some malformed input (e.g. an
            // unclosed flow mapping followed by a block key); the scanner knows where it stopped.
            errors.Add(scanner.CurrentPosition, ScenarioError.SyntaxField,
                "YAML syntax error: the file cannot be parsed past this point (look for an unclosed '{', '[' or quote, or wrong indentation)");
            return ScenarioLoadResult.Failure(errors.Errors);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add(Mark.Empty, ScenarioError.FileField, "the file is empty; a scenario needs at least name and nodes");
            return ScenarioLoadResult.Failure(errors.Errors);
        }
        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode, ScenarioError.FileField, "a scenario file holds one document; remove the second '---' document");
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            errors.Add(stream.Documents[0].RootNode, ScenarioError.FileField, "a scenario file is a mapping with keys such as name, nodes and links");
            return ScenarioLoadResult.Failure(errors.Errors);
        }
        if (edit is not null)
        {
            edit(rootNode, errors);
            if (errors.Count > 0)
            {
                return ScenarioLoadResult.Failure(errors.Errors);
            }
        }
        Scenario? scenario = ParseRoot(new MappingReader(rootNode, "", errors, TopKeys), use);
        return scenario is not null && errors.Count == 0
            ? ScenarioLoadResult.Success(scenario)
            : ScenarioLoadResult.Failure(errors.Errors);
    }

    private static Scenario? ParseRoot(MappingReader root, ScenarioUse use)
    {
        string? name = root.Text("name", required: true);
        string? description = root.Text("description");
        ulong? seed = Seed(root);
        double? duration = root.Quantity("duration", Dimension.Duration, RangeRule.SimulatedSpan);

        IReadOnlyList<YamlNode>? nodeItems = root.Sequence("nodes", required: true);
        if (nodeItems is { Count: 0 })
        {
            root.ErrorAt("nodes", "a scenario needs at least one node");
        }
        var (nodes, nodeIds) = NodeParser.Parse(nodeItems ?? [], root.Errors);
        List<LinkSpec> links = LinkParser.Parse(root.Sequence("links") ?? [], nodeIds, root.Errors);
        List<SessionSpec> sessions = SessionParser.Parse(root.Sequence("sessions") ?? [], nodeIds, nodes, root.Errors);
        var faults = FaultParser.Faults(root.Sequence("faults") ?? [], nodes, links, use, root.Errors);
        var calibration = FaultParser.Calibrations(root.Sequence("calibration") ?? [], nodes, links, root.Errors);
        var mitigation = MitigationParser.Parse(root);
        if (use == ScenarioUse.Simulation && sessions.Count == 0 && (faults.Count > 0 || calibration.Count > 0))
        {
            root.ErrorAt(faults.Count > 0 ? "faults" : "calibration", "faults and calibration jobs act on sessions; a run without sessions has no network to act on (add a session)");
        }

        if (root.Errors.Count > 0 || name is null)
        {
            return null;
        }
        var scenario = new Scenario(name, seed ?? Scenario.DefaultSeed, duration ?? Scenario.DefaultDurationSeconds, nodes, links, sessions)
        {
            Description = description,
            Faults = faults,
            Calibration = calibration,
            Mitigation = mitigation,
        };
        SwitchCheck.Check(scenario, root);
        if (use == ScenarioUse.Simulation)
        {
            SimulationCheck.LinkLayer(scenario, nodeItems!, root.Errors);
        }
        return root.Errors.Count > 0 ? null : scenario;
    }

    private static ulong? Seed(MappingReader root)
    {
        string? text = root.Text("seed");
        if (text is null)
        {
            return null;
        }
        if (ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seed))
        {
            return seed;
        }
        root.ErrorAt("seed", $"must be a whole number from 0 to {ulong.MaxValue} (got {text})");
        return null;
    }

    private static string SyntaxMessage(YamlException e) =>
        "YAML syntax error: " + PlainMessage(e.InnerException as YamlException ?? e);

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is already in the error.
    private static string PlainMessage(YamlException e)
    {
        int cut = e.Message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && e.Message.StartsWith("(Line", StringComparison.Ordinal) ? e.Message[(cut + 3)..] : e.Message;
    }
}
