namespace QNet.Sre.Tests.Support;

/// <summary>Paths in the repository (found by walking up to QNet.slnx).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string DefaultSpecs => Path.Combine(Root, "deploy", "slo");

    public static string Runbooks => Path.Combine(Root, "docs", "runbooks");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("QNet.slnx not found above " + AppContext.BaseDirectory);
    }
}
