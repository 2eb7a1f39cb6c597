using YamlDotNet.RepresentationModel;

namespace QNet.Cli.Tests.Commands.Sweeps;

/// <summary><c>qnet sweep --emit-job N</c>: the Indexed Job's fields, and its command lines run as they would in the pods.</summary>
public sealed class SweepEmitJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-job-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario()
    {
        string path = Path.Combine(_dir, "My Chain.yaml");
        File.WriteAllText(path, SweepShardCommandTests.Chain);
        return path;
    }

    private static readonly string[] Options = ["--set", "links.*.length=10km,30km", "--set", "nodes.r1.memory.t2=0.1s,1s", "--runs", "2", "--duration", "0.3s"];

    private static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (object step in path)
        {
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }
        return node;
    }

    private static string S(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static string[] Args(YamlMappingNode job) => ((YamlSequenceNode)At(job, "spec", "template", "spec", "containers", 0, "args")).Children.Select(a => ((YamlScalarNode)a).Value!).ToArray();

    [Fact]
    public void EmitJob_Four_IndexedJobWithCompletionsIndexEnvAndShardArguments()
    {
        var r = QnetProcess.Run(["sweep", Scenario(), .. Options, "--emit-job", "4", "--image", "registry.example/qnet:1.2", "--out", Path.Combine(_dir, "job")]);
        Assert.True(r.ExitCode == 0, r.StdErr);

        var docs = Documents(Path.Combine(_dir, "job", "sweep-shards.yaml"));
        Assert.Equal(["PersistentVolumeClaim", "ConfigMap", "Job"], docs.Select(d => S(d, "kind")));
        YamlMappingNode claim = docs[0], config = docs[1], job = docs[2];
        Assert.Equal("ReadWriteMany", S(claim, "spec", "accessModes", 0));
        Assert.Equal(SweepShardCommandTests.Chain, S(config, "data", "My-Chain.yaml"));
        Assert.Equal("qnet-sweep-my-chain-scenario", S(config, "metadata", "name"));

        Assert.Equal("batch/v1", S(job, "apiVersion"));
        Assert.Equal("qnet-sweep-my-chain-shards", S(job, "metadata", "name"));
        Assert.Equal("Indexed", S(job, "spec", "completionMode"));
        Assert.Equal("4", S(job, "spec", "completions"));
        Assert.Equal("4", S(job, "spec", "parallelism"));
        Assert.Equal("Never", S(job, "spec", "template", "spec", "restartPolicy"));
        var container = At(job, "spec", "template", "spec", "containers", 0);
        Assert.Equal("registry.example/qnet:1.2", S(container, "image"));
        Assert.Equal("qnet", S(container, "command", 0));
        Assert.Equal("JOB_COMPLETION_INDEX", S(container, "env", 0, "name"));
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", S(container, "env", 0, "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal(["sweep", "/scenario/My-Chain.yaml", .. Options, "--shard", "$(JOB_COMPLETION_INDEX)/4", "--out", "/results/shards"], Args(job));
        Assert.Equal("/scenario", S(container, "volumeMounts", 0, "mountPath"));
        Assert.Equal("qnet-sweep-my-chain-scenario", S(job, "spec", "template", "spec", "volumes", 0, "configMap", "name"));
        Assert.Equal("qnet-sweep-my-chain-results", S(job, "spec", "template", "spec", "volumes", 1, "persistentVolumeClaim", "claimName"));
        // Numbers given as arguments stay strings (a bare 2 would not be a valid container argument).
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, ScalarStyleOfRuns(job));

        var merge = Documents(Path.Combine(_dir, "job", "sweep-merge.yaml")).Single();
        Assert.Equal("qnet-sweep-my-chain-merge", S(merge, "metadata", "name"));
        Assert.False(merge.Children.ContainsKey(new YamlScalarNode("completionMode")));
        Assert.Equal("1", S(merge, "spec", "completions"));
        Assert.Equal(["sweep", "merge", "/results/shards", "--out", "/results/merged"], Args(merge));
        Assert.Equal("qnet-sweep-my-chain-results", S(merge, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
    }

    [Fact]
    public void EmitJob_BothManifests_ValidateAgainstTheKubernetesSchemas()
    {
        var r = QnetProcess.Run(["sweep", Scenario(), .. Options, "--emit-job", "4", "--out", Path.Combine(_dir, "job")]);
        Assert.True(r.ExitCode == 0, r.StdErr);

        foreach (var file in (string[])["sweep-shards.yaml", "sweep-merge.yaml"])
        {
            var problems = QNet.Testing.Kubernetes.KubernetesSchemas.Validate(File.ReadAllText(Path.Combine(_dir, "job", file)));
            Assert.True(problems.Count == 0, file + ": " + string.Join("; ", problems));
        }
    }

    [Fact]
    public void EmitJob_CommandLinesRunAsThePodsWould_MergeEqualsSingleProcess()
    {
        string scenario = Scenario();
        Assert.Equal(0, QnetProcess.Run(["sweep", scenario, .. Options, "--emit-job", "3", "--out", Path.Combine(_dir, "job")]).ExitCode);
        var job = Documents(Path.Combine(_dir, "job", "sweep-shards.yaml"))[2];
        var merge = Documents(Path.Combine(_dir, "job", "sweep-merge.yaml"))[0];
        string results = Path.Combine(_dir, "volume");
        // The pod's view: the ConfigMap's key as a file at /scenario, the shared volume at /results, the index expanded by Kubernetes.
        string mounted = Path.Combine(_dir, "scenario");
        Directory.CreateDirectory(mounted);
        File.Copy(scenario, Path.Combine(mounted, "My-Chain.yaml"));
        string[] Local(string[] args, int index) => args.Select(a => a
            .Replace("$(JOB_COMPLETION_INDEX)", index.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("/scenario/", mounted + "/", StringComparison.Ordinal)
            .Replace("/results", results, StringComparison.Ordinal)).ToArray();

        var pods = Enumerable.Range(0, 3).Select(i => Task.Run(() => QnetProcess.Run(Local(Args(job), i)))).ToArray();
        Assert.All(pods, p => Assert.True(p.Result.ExitCode == 0, p.Result.StdErr));
        var merged = QnetProcess.Run(Local(Args(merge), 0));
        Assert.True(merged.ExitCode == 0, merged.StdErr);

        string single = Path.Combine(_dir, "single");
        Assert.Equal(0, QnetProcess.Run(["sweep", Path.Combine(mounted, "My-Chain.yaml"), .. Options, "--out", single]).ExitCode);
        SweepShardCommandTests.AssertSameResults(single, Path.Combine(results, "merged"));
    }

    [Fact]
    public void EmitJob_BadImageOrWithShard_ExitsTwoNamingTheOption()
    {
        var image = QnetProcess.Run(["sweep", Scenario(), .. Options, "--emit-job", "2", "--image", "qnet; rm -rf /", "--out", Path.Combine(_dir, "job")]);
        var both = QnetProcess.Run(["sweep", Scenario(), .. Options, "--emit-job", "2", "--shard", "0/2", "--out", Path.Combine(_dir, "job")]);
        var zero = QnetProcess.Run(["sweep", Scenario(), .. Options, "--emit-job", "0", "--out", Path.Combine(_dir, "job")]);

        Assert.Equal(2, image.ExitCode);
        Assert.Contains("--image 'qnet; rm -rf /' is not a container image reference", image.StdErr);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--shard and --emit-job do not go together", both.StdErr);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--emit-job 0 is out of range", zero.StdErr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "job")));
    }

    private static YamlDotNet.Core.ScalarStyle ScalarStyleOfRuns(YamlMappingNode job)
    {
        var args = (YamlSequenceNode)At(job, "spec", "template", "spec", "containers", 0, "args");
        int runs = args.Children.ToList().FindIndex(a => ((YamlScalarNode)a).Value == "--runs");
        return ((YamlScalarNode)args.Children[runs + 1]).Style;
    }
}
