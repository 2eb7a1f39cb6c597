using System.Reflection;
using System.Xml.Linq;

namespace QNet.Architecture.Tests;

/// <summary>
/// The project arrows of docs/architecture.md ("Layers"): each project may reference only the
/// projects listed for it here, so nothing points upward. Checked twice: in the compiled assemblies
/// (what the code really uses) and in the project files (what the build allows, even if unused).
/// </summary>
public sealed class ProjectLayerTests
{
    /// <summary>Project → the QNet projects it may reference directly (transitively lower layers included).</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["QNet.Kernel"] = [],
        ["QNet.Physics"] = ["QNet.Kernel"],
        ["QNet.Qkd"] = ["QNet.Physics", "QNet.Kernel"],
        ["QNet.Network"] = ["QNet.Qkd", "QNet.Physics", "QNet.Kernel"],
        // Kms and Sre know nothing of the simulator: real devices feed them the same way. Kms reads its metric
        // names from Sre's catalogue.
        ["QNet.Kms"] = ["QNet.Sre"],
        ["QNet.Sre"] = [],
        ["QNet.ControlPlane"] = ["QNet.Network", "QNet.Qkd", "QNet.Physics", "QNet.Kernel", "QNet.Kms", "QNet.Sre"],
        // The agent is a site process: it speaks to the control plane only through the .proto contract, maps
        // vendor telemetry to Sre's metric catalogue, and its device emulators use the hardware models.
        ["QNet.Agent"] = ["QNet.Sre", "QNet.Physics", "QNet.Kernel"],
        ["QNet.Cli"] = ["QNet.Agent", "QNet.ControlPlane", "QNet.Network", "QNet.Qkd", "QNet.Physics", "QNet.Kernel", "QNet.Kms", "QNet.Sre"],
    };

    public static TheoryData<string> Projects => new(Allowed.Keys);

    [Fact]
    public void Allowed_EveryProjectUnderSrc_IsListed()
    {
        string[] projects = Directory.GetDirectories(Path.Combine(Repository.Root, "src"))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(projects, Allowed.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void CompiledAssembly_References_OnlyAllowedProjects(string project)
    {
        Dictionary<string, string> projectOf = Allowed.Keys.ToDictionary(Repository.AssemblyName, p => p);
        Assembly assembly = Assembly.LoadFrom(Repository.AssemblyPath(project));
        string[] wrong = assembly.GetReferencedAssemblies()
            .Select(a => projectOf.GetValueOrDefault(a.Name ?? ""))
            .OfType<string>()
            .Where(name => !Allowed[project].Contains(name))
            .ToArray();
        Assert.True(wrong.Length == 0, $"{project} references {string.Join(", ", wrong)}, against the arrows of docs/architecture.md.");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectFile_References_OnlyAllowedProjects(string project)
    {
        string file = Path.Combine(Repository.Root, "src", project, project + ".csproj");
        string[] wrong = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string?)r.Attribute("Include") ?? ""))
            .Where(name => !Allowed[project].Contains(name))
            .ToArray();
        Assert.True(wrong.Length == 0, $"{file} references {string.Join(", ", wrong)}, against the arrows of docs/architecture.md.");
    }

    [Fact]
    public void Allowed_Arrows_FormNoCycle()
    {
        // Each project's allowed set must be closed downward and never contain the project itself
        // or one that may reference it back.
        foreach ((string project, string[] targets) in Allowed)
        {
            foreach (string target in targets)
            {
                Assert.DoesNotContain(project, Allowed[target]);
                Assert.NotEqual(project, target);
            }
        }
    }
}
