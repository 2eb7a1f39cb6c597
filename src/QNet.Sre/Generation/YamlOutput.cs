using YamlDotNet.Serialization;

namespace QNet.Sre.Generation;

/// <summary>Serialises plain dictionaries and lists to YAML (keys in insertion order, strings quoted when needed).</summary>
internal static class YamlOutput
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    public static string Write(object document) => Serializer.Serialize(document);
}
