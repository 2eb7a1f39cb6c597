using System.Text.Json.Nodes;
using QNet.Testing;
using QNet.Testing.Kubernetes;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>deploy/kubernetes against the Kubernetes JSON Schemas, and the example objects against the CRDs' own schemas.</summary>
public class ManifestSchemaTests
{
    private static readonly string Root = Path.Combine(QnetPaths.RepositoryRoot, "deploy", "kubernetes");

    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(Root, file);
            if (Path.GetFileName(file) != "kustomization.yaml" && !relative.StartsWith("examples", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Validate_ShippedManifest_NoProblems(string relative)
    {
        var problems = KubernetesSchemas.Validate(File.ReadAllText(Path.Combine(Root, relative)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Validate_MisspeltDeploymentField_RefusedNamingIt()
    {
        string text = File.ReadAllText(Path.Combine(Root, "control-plane", "deployment.yaml")).Replace("  replicas: 3", "  replicaz: 3", StringComparison.Ordinal);

        var problems = KubernetesSchemas.Validate(text);

        Assert.Contains(problems, p => p.StartsWith("document 1 (Deployment qnet-control-plane): ", StringComparison.Ordinal) && p.Contains("replicaz", StringComparison.Ordinal));
    }

    [Fact]
    public void Kustomization_ListsEveryBaseManifest()
    {
        var listed = KubernetesSchemas.Documents(File.ReadAllText(Path.Combine(Root, "kustomization.yaml")))[0]["resources"]!.AsArray().Select(r => (string)r!).ToHashSet();

        foreach (string folder in new[] { "crds", "control-plane", "agents" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml"))
            {
                Assert.Contains($"{folder}/{Path.GetFileName(file)}", listed);
            }
        }
    }

    [Theory]
    [InlineData("quantumsessions.yaml", "quantumsession-alice-bob-qkd.yaml")]
    [InlineData("quantumsessions.yaml", "quantumsession-teleport-pairs.yaml")]
    [InlineData("quantumlinks.yaml", "quantumlink-maintenance.yaml")]
    public void ValidateCustomObjects_Example_NoProblems(string crd, string example)
    {
        var problems = KubernetesSchemas.ValidateCustomObjects(File.ReadAllText(Path.Combine(Root, "crds", crd)), File.ReadAllText(Path.Combine(Root, "examples", example)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("minFidelity: 0.85", "minFidelity: 1.5", "/spec/minFidelity")]
    [InlineData("application: qkd", "application: ghz", "/spec/application")]
    [InlineData("rateHz: 20", "rateHz: 0", "/spec/rateHz")]
    [InlineData("priority: 10", "priority: 101", "/spec/priority")]
    [InlineData("  source: alice\n", "", "/spec")]
    [InlineData("priority: 10", "priority: 10\n  colour: blue", "/spec/colour")]
    public void ValidateCustomObjects_BrokenSessionExample_RefusedNamingTheField(string from, string to, string field)
    {
        string example = File.ReadAllText(Path.Combine(Root, "examples", "quantumsession-alice-bob-qkd.yaml"));
        Assert.Contains(from, example, StringComparison.Ordinal);

        var problems = KubernetesSchemas.ValidateCustomObjects(File.ReadAllText(Path.Combine(Root, "crds", "quantumsessions.yaml")), example.Replace(from, to, StringComparison.Ordinal));

        Assert.True(problems.Any(p => p.Contains($": {field}: ", StringComparison.Ordinal)), string.Join('\n', problems));
    }

    [Fact]
    public void PrometheusRule_Groups_AreTheRulesQnetSloGenerateWrites()
    {
        string rules = Path.Combine(QnetPaths.RepositoryRoot, "deploy", "generated", "prometheus", "rules");
        var expected = new JsonArray();
        foreach (string file in Directory.EnumerateFiles(rules, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var group in KubernetesSchemas.Documents(File.ReadAllText(file))[0]["groups"]!.AsArray())
            {
                expected.Add(group!.DeepClone());
            }
        }

        var rule = KubernetesSchemas.Documents(File.ReadAllText(Path.Combine(Root, "components", "prometheus-operator", "prometheusrule.yaml")))[0];

        Assert.True(expected.Count > 0);
        Assert.True(JsonNode.DeepEquals(expected, rule["spec"]!["groups"]), "prometheusrule.yaml differs from deploy/generated/prometheus/rules: run components/prometheus-operator/generate.py");
    }
}
