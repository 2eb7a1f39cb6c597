using QNet.Network.Scenarios;
using QNet.Network.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Planning;

/// <summary>
/// Reads a cost model file (YAML; schema in docs/planning.md). Errors come as scenario errors
/// (<c>FILE:LINE:COL: FIELD: message</c>) with the same unit and range checks as scenario files.
/// </summary>
public static class CostModelLoader
{
    private static readonly string[] TopKeys = ["currency", "lifetime", "fiber", "memorySlot", "repeater", "endNode", "detector", "operatingPerYear"];
    private static readonly string[] FiberKeys = ["attenuation", "perKm"];
    private static readonly string[] MemoryKeys = ["t2", "price"];
    private static readonly string[] OperatingKeys = ["base", "perRepeater", "perKm"];

    /// <summary>Loads the file; the model, or every error found.</summary>
    public static (CostModel? Model, IReadOnlyList<ScenarioError> Errors) LoadFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, [new ScenarioError(path, 1, 1, ScenarioError.FileField, $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>Parses cost model text; <paramref name="sourceName"/> names it in errors.</summary>
    public static (CostModel? Model, IReadOnlyList<ScenarioError> Errors) Parse(string text, string sourceName)
    {
        var errors = new ErrorSink(sourceName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new Scanner(new StringReader(text)))));
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, ScenarioError.SyntaxField, "YAML syntax error: " + (e.InnerException?.Message ?? e.Message));
            return (null, errors.Errors);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            errors.Add(Mark.Empty, ScenarioError.FileField, "a cost model is a mapping with keys such as fiber, memorySlot and repeater");
            return (null, errors.Errors);
        }
        var root = new MappingReader(rootNode, "", errors, TopKeys);
        string currency = root.Text("currency") ?? "EUR";
        double? lifetime = root.Number("lifetime", RangeRule.Positive, required: true);
        var fiber = Classes(root, "fiber", FiberKeys, r => r.Quantity("attenuation", Dimension.Attenuation, RangeRule.NonNegative, required: true), r => r.Number("perKm", RangeRule.NonNegative, required: true));
        var memory = Classes(root, "memorySlot", MemoryKeys, r => r.Quantity("t2", Dimension.Duration, RangeRule.Positive, required: true, allowInfinite: true), r => r.Number("price", RangeRule.NonNegative, required: true));
        double? repeater = root.Number("repeater", RangeRule.NonNegative, required: true);
        double? endNode = root.Number("endNode", RangeRule.NonNegative) ?? 0;
        double? detector = root.Number("detector", RangeRule.NonNegative, required: true);
        MappingReader? operating = root.Mapping("operatingPerYear", OperatingKeys);
        double opBase = operating?.Number("base", RangeRule.NonNegative) ?? 0;
        double opRepeater = operating?.Number("perRepeater", RangeRule.NonNegative) ?? 0;
        double opKm = operating?.Number("perKm", RangeRule.NonNegative) ?? 0;
        if (errors.Count > 0 || lifetime is null || repeater is null || detector is null)
        {
            return (null, errors.Errors);
        }
        return (new CostModel(currency, lifetime.Value, fiber, memory, repeater.Value, endNode.Value, detector.Value, opBase, opRepeater, opKm), []);
    }

    private static List<CostClass> Classes(MappingReader root, string key, string[] keys, Func<MappingReader, double?> threshold, Func<MappingReader, double?> price)
    {
        var classes = new List<CostClass>();
        IReadOnlyList<YamlNode>? items = root.Sequence(key, required: true);
        if (items is { Count: 0 })
        {
            root.ErrorAt(key, "needs at least one class");
        }
        for (int i = 0; i < (items?.Count ?? 0); i++)
        {
            if (MappingReader.AsMapping(items![i], $"{key}[{i}]", root.Errors, keys) is { } item && threshold(item) is { } t && price(item) is { } p)
            {
                classes.Add(new CostClass(t, p));
            }
        }
        return classes;
    }
}
