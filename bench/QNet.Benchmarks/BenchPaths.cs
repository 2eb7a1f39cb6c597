namespace QNet.Benchmarks;

/// <summary>Where the repository's files are, for benchmarks that read shipped scenarios or specs.</summary>
internal static class BenchPaths
{
    /// <summary>The repository root: the folder above the benchmark's output that holds QNet.slnx.</summary>
    public static string RepositoryRoot
    {
        get
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "QNet.slnx")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("QNet.slnx not found above the benchmark's folder.");
            }

            return dir;
        }
    }
}
