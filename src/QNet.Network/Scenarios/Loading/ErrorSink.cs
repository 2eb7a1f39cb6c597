using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Network.Scenarios.Loading;

/// <summary>Collects the errors of one load, each with its file, position and field path.</summary>
internal sealed class ErrorSink(string source)
{
    private readonly List<ScenarioError> _errors = [];

    public string Source { get; } = source;

    public int Count => _errors.Count;

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public void Add(Mark mark, string field, string message) =>
        _errors.Add(new ScenarioError(Source, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), field, message));

    public void Add(YamlNode node, string field, string message) => Add(node.Start, field, message);
}
