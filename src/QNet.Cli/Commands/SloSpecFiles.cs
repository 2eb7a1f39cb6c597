namespace QNet.Cli.Commands;

/// <summary>Expands the SPEC arguments of <c>qnet slo</c>: files as given, directories to their *.yaml / *.yml files.</summary>
internal static class SloSpecFiles
{
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var result = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                result.AddRange(Directory.EnumerateFiles(p, "*.y*ml").Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            }
            else
            {
                result.Add(p);
            }
        }

        return result;
    }
}
