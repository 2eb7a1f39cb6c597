using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>
/// Reads OpenSLO v1 documents (SLO, SLI, AlertPolicy, AlertCondition) and QNet's MaintenanceWindow from
/// multi-document YAML. Every problem is returned with its line and field; the parser never throws on bad input.
/// </summary>
public static partial class SpecParser
{
    internal sealed record Doc(string Kind, string Name, YamlMappingNode Root, YamlMappingNode? Metadata, YamlMappingNode? Spec, string Path);

    /// <summary>Parses the given files together (references may cross files).</summary>
    public static SpecParseResult ParseFiles(IEnumerable<string> paths)
    {
        var texts = new List<(string, string)>();
        var errors = new List<SpecError>();
        foreach (var p in paths)
        {
            try
            {
                texts.Add((p, File.ReadAllText(p)));
            }
            catch (IOException ex)
            {
                errors.Add(new SpecError(0, p, ex.Message));
            }
            catch (UnauthorizedAccessException ex)
            {
                errors.Add(new SpecError(0, p, ex.Message));
            }
        }

        return errors.Count > 0 ? new SpecParseResult(null, errors) : Parse(texts);
    }

    /// <summary>Parses one YAML text (one or more documents).</summary>
    public static SpecParseResult Parse(string yaml, string source = "spec") => Parse([(source, yaml)]);

    /// <summary>Parses several (source name, YAML text) pairs together.</summary>
    public static SpecParseResult Parse(IReadOnlyList<(string Source, string Yaml)> inputs)
    {
        var errors = new List<SpecError>();
        var f = new YamlFields(errors);
        var docs = new List<Doc>();
        foreach (var (source, yaml) in inputs)
        {
            if (TooDeep(yaml) is { } deep)
            {
                errors.Add(new SpecError(deep, source, $"YAML nesting deeper than {MaxDepth} levels is refused (it would exhaust the parser's stack)"));
                continue;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(yaml));
            }
            catch (YamlException ex)
            {
                errors.Add(new SpecError((int)ex.Start.Line, source, "YAML syntax: " + ex.Message));
                continue;
            }
            catch (InvalidOperationException ex)
            {
                // YamlDotNet's scanner throws this (without a position) on some malformed flow collections.
                errors.Add(new SpecError(0, source, "YAML syntax: the document cannot be read (" + ex.Message + ")"));
                continue;
            }

            var index = 0;
            foreach (var document in stream.Documents)
            {
                index++;
                if (document.RootNode is not YamlMappingNode root)
                {
                    if (document.RootNode is YamlScalarNode { Value: null or "" })
                    {
                        continue;
                    }

                    f.Error(document.RootNode, $"{source}#{index}", "a document must be a mapping with apiVersion, kind, metadata and spec");
                    continue;
                }

                var doc = ReadHeader(f, root, $"{source}#{index}");
                if (doc is not null)
                {
                    docs.Add(doc);
                }
            }
        }

        foreach (var dup in docs.GroupBy(d => (d.Kind, d.Name)).Where(g => g.Count() > 1))
        {
            var second = dup.Skip(1).First();
            f.Error(second.Root, second.Path + ": metadata.name", $"duplicate {dup.Key.Kind} named '{dup.Key.Name}'");
        }

        var builder = new SloBuilder(f, docs);
        var slos = docs.Where(d => d.Kind == "SLO").Select(builder.Build).OfType<Slo>().ToList();
        var windows = docs.Where(d => d.Kind == "MaintenanceWindow").Select(d => MaintenanceReader.Read(f, d)).OfType<MaintenanceWindow>().ToList();
        if (slos.Count == 0 && errors.Count == 0)
        {
            errors.Add(new SpecError(0, "spec", "no SLO documents found"));
        }

        foreach (var dup in slos.GroupBy(s => s.AlertName).Where(g => g.Count() > 1))
        {
            errors.Add(new SpecError(0, "SLO/" + dup.Skip(1).First().Name, $"alert name '{dup.Key}' is used by more than one SLO"));
        }

        return errors.Count > 0
            ? new SpecParseResult(null, errors.OrderBy(e => e.Line).ToList())
            : new SpecParseResult(new SpecSet(slos, windows), []);
    }

    private const int MaxDepth = 64;

    /// <summary>Line of the first place nesting exceeds <see cref="MaxDepth"/> (flow brackets outside quotes, or block indentation), else null.</summary>
    private static int? TooDeep(string yaml)
    {
        int depth = 0, line = 1;
        char quote = '\0';
        var lineStart = true;
        var indent = 0;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                line++;
                lineStart = true;
                indent = 0;
                quote = '\0'; // an apostrophe in plain text must not hide the rest of the file
                continue;
            }

            if (lineStart && c == ' ')
            {
                if (++indent > 2 * MaxDepth)
                {
                    return line;
                }

                continue;
            }

            lineStart = false;
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{' && ++depth > MaxDepth)
            {
                return line;
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
    }

    private static Doc? ReadHeader(YamlFields f, YamlMappingNode root, string where)
    {
        var api = f.Str(root, "apiVersion", where, required: true);
        var kind = f.Str(root, "kind", where, required: true);
        if (api is null || kind is null)
        {
            return null;
        }

        string[] openSlo = ["SLO", "SLI", "AlertPolicy", "AlertCondition"];
        if (kind == "MaintenanceWindow" ? api != "qnet.io/v1" : api != "openslo/v1")
        {
            f.Error(YamlFields.Get(root, "apiVersion"), where + ": apiVersion", $"'{api}' is not supported for kind {kind}; use openslo/v1 (qnet.io/v1 for MaintenanceWindow)");
            return null;
        }

        if (kind != "MaintenanceWindow" && !openSlo.Contains(kind))
        {
            f.Error(YamlFields.Get(root, "kind"), where + ": kind", $"'{kind}' is not supported; expected SLO, SLI, AlertPolicy, AlertCondition or MaintenanceWindow");
            return null;
        }

        f.CheckKeys(root, where, "apiVersion", "kind", "metadata", "spec");
        var metadata = f.Map(root, "metadata", where, required: true);
        var name = f.Str(metadata, "name", where + ": metadata", required: metadata is not null);
        if (name is not null && !DnsLabel().IsMatch(name))
        {
            f.Error(YamlFields.Get(metadata, "name"), where + ": metadata.name", $"'{name}' must be a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)");
            name = null;
        }

        var path = $"{kind}/{name ?? where}";
        var spec = f.Map(root, "spec", path, required: true);
        return name is null ? null : new Doc(kind, name, root, metadata, spec, path);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    internal static partial Regex DnsLabel();
}
