using System.Xml.Linq;

namespace QNet.Architecture.Tests;

/// <summary>Paths of the repository and of the assemblies under test.</summary>
internal static class Repository
{
    /// <summary>The folder holding QNet.slnx, above the test output folder.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("QNet.slnx not found above the test output folder.");
        }
    }

    /// <summary>The assembly name of a project under src/: its <c>AssemblyName</c> if set (the CLI is <c>qnet</c>), else its folder name.</summary>
    public static string AssemblyName(string project) =>
        XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj")).Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;

    /// <summary>The compiled assembly of a project, copied beside the tests.</summary>
    public static string AssemblyPath(string project) => Path.Combine(AppContext.BaseDirectory, AssemblyName(project) + ".dll");
}
