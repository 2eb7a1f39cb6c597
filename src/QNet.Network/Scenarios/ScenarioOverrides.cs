using System.Text.RegularExpressions;
using QNet.Network.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios;

/// <summary>
/// Loads a scenario with some values replaced, as <c>qnet sweep --set PATH=VALUE</c> does. The
/// override is applied to the YAML tree before validation, so a bad value gets the loader's own
/// error and field path (e.g. <c>links[0].length</c>), with the override that caused it appended.
/// </summary>
/// <remarks>
/// Path syntax (docs/planning.md): keys joined by <c>.</c>. A top-level field is named directly
/// (<c>duration</c>, <c>seed</c>). Items of <c>nodes</c>, <c>links</c> and <c>sessions</c> are selected
/// by their id, where <c>*</c> matches any run of characters (<c>links.*.length</c>,
/// <c>nodes.r*.swap.successProbability</c>, <c>sessions.s1.purification.rounds</c>); the rest of the
/// path is the field inside each selected item. Missing mappings and keys are created. Only single
/// values are set: ids and list-valued fields (<c>between</c>, <c>parties</c>) cannot be overridden.
/// </remarks>
public static class ScenarioOverrides
{
    private static readonly string[] ListKeys = ["nodes", "links", "sessions"];

    /// <summary>Reads the file at <paramref name="path"/> and loads it with <paramref name="overrides"/> (path, value) applied in order.</summary>
    public static ScenarioLoadResult LoadFile(string path, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        if (!ScenarioFile.TryRead(path, out string text, out ScenarioError? error))
        {
            return ScenarioLoadResult.Failure([error!]);
        }
        return Parse(text, path, overrides);
    }

    /// <summary>Parses scenario text with <paramref name="overrides"/> (path, value) applied in order.</summary>
    public static ScenarioLoadResult Parse(string text, string sourceName, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var edited = new List<(string Field, string Override, Mark At)>();
        // Overridden scenarios are run by qnet sweep, so they get the simulation's checks.
        ScenarioLoadResult result = ScenarioLoader.ParseEdited(text, sourceName, (root, errors) =>
        {
            foreach (var (path, value) in overrides)
            {
                Apply(root, path, value, errors, edited);
            }
        }, ScenarioUse.Simulation);
        if (result.Scenario is not null || edited.Count == 0)
        {
            return result;
        }
        // Say which override put the offending value there.
        return ScenarioLoadResult.Failure(result.Errors.Select(error =>
        {
            var cause = edited.LastOrDefault(e => error.Field == e.Field || error.Field.StartsWith(e.Field + ".", StringComparison.Ordinal));
            if (cause.Override is null)
            {
                return error;
            }
            // A value the override created has no place in the file: point at the item it was added to.
            bool unplaced = error.Line == 1 && error.Column == 1 && cause.At.Line > 1;
            return error with
            {
                Line = unplaced ? (int)cause.At.Line : error.Line,
                Column = unplaced ? (int)cause.At.Column : error.Column,
                Message = $"{error.Message} (set by {cause.Override})",
            };
        }).ToArray());
    }

    private static void Apply(YamlMappingNode root, string path, string value, ErrorSink errors, List<(string, string, Mark)> edited)
    {
        string description = $"{path}={value}";
        string[] segments = path.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            errors.Add(root, path, $"override path '{path}' has an empty part; write keys joined by '.', e.g. links.*.length");
            return;
        }
        if (!ListKeys.Contains(segments[0]))
        {
            SetIn(root, segments, value, "", path, description, root, errors, edited);
            return;
        }
        if (segments.Length < 3)
        {
            errors.Add(root, path, $"override path '{path}' must name an item and a field, e.g. {segments[0]}.*.{(segments[0] == "nodes" ? "memory.t2" : segments[0] == "links" ? "length" : "minFidelity")}");
            return;
        }
        if (Child(root, segments[0]) is not YamlSequenceNode items)
        {
            errors.Add(root, path, $"the scenario has no '{segments[0]}' list to override");
            return;
        }
        Regex selector = Glob(segments[1]);
        var ids = new List<string>();
        bool matched = false;
        for (int i = 0; i < items.Children.Count; i++)
        {
            if (items.Children[i] is not YamlMappingNode item || Child(item, "id") is not YamlScalarNode { Value: { } id })
            {
                continue; // the loader reports the malformed item
            }
            ids.Add(id);
            if (selector.IsMatch(id))
            {
                matched = true;
                SetIn(item, segments[2..], value, $"{segments[0]}[{i}]", path, description, item, errors, edited);
            }
        }
        if (!matched)
        {
            string what = segments[0][..^1];
            errors.Add(items, path, $"no {what} id matches '{segments[1]}' (ids: {string.Join(", ", ids)})");
        }
    }

    private static void SetIn(YamlMappingNode map, string[] keys, string value, string prefix, string path, string description,
        YamlNode at, ErrorSink errors, List<(string, string, Mark)> edited)
    {
        string field = prefix;
        for (int k = 0; k < keys.Length; k++)
        {
            string key = keys[k];
            field = field.Length == 0 ? key : $"{field}.{key}";
            if (key is "id" or "between" or "parties" or "nodes" or "links" or "sessions" || key.Contains('*', StringComparison.Ordinal))
            {
                errors.Add(at, field, $"'{key}' cannot be overridden (in {path}): a sweep sets single values, not ids or lists, and '*' selects items only");
                return;
            }
            YamlNode? child = Child(map, key);
            if (k == keys.Length - 1)
            {
                if (child is YamlScalarNode scalar)
                {
                    scalar.Value = value;
                }
                else if (child is null)
                {
                    map.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
                }
                else
                {
                    errors.Add(child, field, $"is a {(child is YamlMappingNode ? "mapping" : "list")}; an override sets one value (in {path})");
                    return;
                }
                edited.Add((field, description, child?.Start.Line > 0 ? child.Start : at.Start));
                return;
            }
            if (child is null)
            {
                child = new YamlMappingNode();
                // keep pointing at the last node that exists in the file
                map.Children[new YamlScalarNode(key)] = child;
            }
            if (child is not YamlMappingNode next)
            {
                errors.Add(child, field, $"is not a mapping, so '{keys[k + 1]}' cannot be set inside it (in {path})");
                return;
            }
            map = next;
            at = next.Start.Line > 0 ? next : at;
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static Regex Glob(string pattern) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
}
