using YamlDotNet.RepresentationModel;

namespace QNet.Sre.Specs;

/// <summary>Reads typed fields of an SLO spec's YAML nodes and records every problem as a <see cref="SpecError"/>.</summary>
internal sealed class YamlFields(List<SpecError> errors)
    : YamlFieldReader((line, path, message) => errors.Add(new SpecError(line, path, message)))
{
    public List<SpecError> Errors { get; } = errors;

    public TimeSpan? Duration(YamlMappingNode? parent, string key, string path, bool required)
    {
        var text = Str(parent, key, path, required);
        if (text is null)
        {
            return null;
        }

        var d = DurationText.TryParseFixed(text);
        if (d is null)
        {
            Error(Get(parent, key), Join(path, key), $"'{text}' is not a duration such as 30s, 5m, 1h, 28d or 1w");
        }

        return d;
    }
}
