namespace QNet.Testing;

/// <summary>Where the real <c>qnet</c> program of this build lives, for tests that run it as a child process.</summary>
public static class QnetPaths
{
    /// <summary>The repository root: the folder above the test output that holds QNet.slnx.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "QNet.slnx")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException($"repository root (QNet.slnx) not found above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>src/QNet.Cli's qnet.dll in the same configuration (Debug or Release) as the running tests.</summary>
    public static string QnetDll()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var configuration = baseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot, "src", "QNet.Cli", "bin", configuration, "net10.0", "qnet.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not found: build src/QNet.Cli ({configuration}) first");
    }
}
