using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace QNet.Cli.Commands.Sweeps;

/// <summary>
/// The Kubernetes objects of <c>qnet sweep --emit-job N</c>: a shared volume for the shard files, the scenario
/// as a ConfigMap, an Indexed Job of N pods (pod i runs <c>qnet sweep ... --shard i/N</c>, its index from
/// <c>JOB_COMPLETION_INDEX</c>) and, in a second file, the Job that merges them once the first has completed.
/// </summary>
/// <param name="ScenarioFileName">The scenario's file name (its key in the ConfigMap and its name in the pod).</param>
/// <param name="ScenarioText">The scenario's text.</param>
/// <param name="Set">The <c>--set</c> values, in order.</param>
/// <param name="Runs">Replications per point.</param>
/// <param name="Duration">The <c>--duration</c> as given; null for the file's.</param>
/// <param name="Threads">The <c>--threads</c> per pod; null for every core of the pod (its CPU request is then 1).</param>
/// <param name="Shards">Pods (shards) of the Indexed Job, N.</param>
/// <param name="Image">Container image whose entry point is on PATH as <c>qnet</c>.</param>
internal sealed partial record SweepJobManifest(string ScenarioFileName, string ScenarioText, IReadOnlyList<string> Set, int Runs, string? Duration,
    int? Threads, int Shards, string Image)
{
    /// <summary>The image used when <c>--image</c> is not given.</summary>
    public const string DefaultImage = "qnet:latest";

    /// <summary>The file holding the volume, ConfigMap and Indexed Job.</summary>
    public const string ShardsFileName = "sweep-shards.yaml";

    /// <summary>The file holding the merge Job.</summary>
    public const string MergeFileName = "sweep-merge.yaml";

    /// <summary>Where the scenario ConfigMap is mounted in the pods.</summary>
    public const string ScenarioMount = "/scenario";

    /// <summary>Where the shared results volume is mounted in the pods.</summary>
    public const string ResultsMount = "/results";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithIndentedSequences()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .WithEventEmitter(next => new LiteralBlockEmitter(next))
        .Build();

    /// <summary>The objects' common name: <c>qnet-sweep-</c> and the scenario's file name as a DNS label.</summary>
    public string Name
    {
        get
        {
            string stem = NonLabel().Replace(Path.GetFileNameWithoutExtension(ScenarioFileName).ToLowerInvariant(), "-").Trim('-');
            stem = stem.Length > 40 ? stem[..40].TrimEnd('-') : stem;
            return stem.Length == 0 ? "qnet-sweep" : $"qnet-sweep-{stem}";
        }
    }

    /// <summary>
    /// The scenario's key in the ConfigMap and its file name in the pod: Kubernetes takes only letters, digits, '-', '_'
    /// and '.' in ConfigMap keys, so other characters (a space, say) become '-'.
    /// </summary>
    public string ScenarioKey => NonKey().Replace(ScenarioFileName, "-");

    /// <summary>The Indexed Job's name.</summary>
    public string ShardsJobName => $"{Name}-shards";

    /// <summary>The merge Job's name.</summary>
    public string MergeJobName => $"{Name}-merge";

    /// <summary>Whether <paramref name="image"/> looks like a container image reference (no spaces, no shell characters).</summary>
    public static bool IsImageReference(string image) => image.Length is > 0 and <= 255 && ImageReference().IsMatch(image);

    /// <summary>The arguments of pod i's <c>qnet</c>: the sweep with <c>--shard $(JOB_COMPLETION_INDEX)/N</c> (Kubernetes expands the variable).</summary>
    public IReadOnlyList<string> ShardArguments()
    {
        var args = new List<string> { "sweep", $"{ScenarioMount}/{ScenarioKey}" };
        foreach (string set in Set)
        {
            args.AddRange(["--set", set]);
        }
        args.AddRange(["--runs", Runs.ToString(CultureInfo.InvariantCulture)]);
        if (Duration is not null)
        {
            args.AddRange(["--duration", Duration]);
        }
        if (Threads is { } threads)
        {
            args.AddRange(["--threads", threads.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["--shard", string.Create(CultureInfo.InvariantCulture, $"$(JOB_COMPLETION_INDEX)/{Shards}"), "--out", $"{ResultsMount}/shards"]);
        return args;
    }

    /// <summary>The arguments of the merge pod's <c>qnet</c>.</summary>
    public static IReadOnlyList<string> MergeArguments() => ["sweep", "merge", $"{ResultsMount}/shards", "--out", $"{ResultsMount}/merged"];

    /// <summary>sweep-shards.yaml: the PersistentVolumeClaim, the ConfigMap and the Indexed Job, as three YAML documents.</summary>
    public string ShardsYaml()
    {
        var claim = Map(
            ("apiVersion", "v1"),
            ("kind", "PersistentVolumeClaim"),
            ("metadata", Metadata($"{Name}-results")),
            ("spec", Map(
                // Every shard pod writes its file and the merge pod reads them all: the volume is shared.
                ("accessModes", new List<string> { "ReadWriteMany" }),
                ("resources", Map(("requests", Map(("storage", "1Gi"))))))));
        var configMap = Map(
            ("apiVersion", "v1"),
            ("kind", "ConfigMap"),
            ("metadata", Metadata($"{Name}-scenario")),
            ("data", Map((ScenarioKey, ScenarioText))));
        var job = Job(ShardsJobName, "shard", ShardArguments(), Map(
            ("completionMode", "Indexed"),
            ("completions", Shards),
            ("parallelism", Shards),
            // A failed pod is retried; the same shard gives the same file (its seeds are fixed).
            ("backoffLimit", Math.Min(6 * Shards, 1000))),
            indexed: true);
        return Documents(claim, configMap, job);
    }

    /// <summary>sweep-merge.yaml: the Job that merges the shard files into results.csv, results.json and the plots.</summary>
    public string MergeYaml() =>
        Documents(Job(MergeJobName, "merge", MergeArguments(), Map(("completions", 1), ("parallelism", 1), ("backoffLimit", 2)), indexed: false));

    private Dictionary<string, object?> Job(string name, string container, IReadOnlyList<string> args, Dictionary<string, object?> spec, bool indexed)
    {
        var env = new List<object>();
        if (indexed)
        {
            // The Job controller sets this variable itself on Kubernetes 1.28+; from the annotation it works on older clusters too.
            env.Add(Map(("name", "JOB_COMPLETION_INDEX"), ("valueFrom", Map(("fieldRef", Map(("fieldPath", "metadata.annotations['batch.kubernetes.io/job-completion-index']")))))));
        }
        var mounts = new List<object> { Map(("name", "results"), ("mountPath", ResultsMount)) };
        var volumes = new List<object> { Map(("name", "results"), ("persistentVolumeClaim", Map(("claimName", $"{Name}-results")))) };
        if (indexed)
        {
            mounts.Insert(0, Map(("name", "scenario"), ("mountPath", ScenarioMount), ("readOnly", true)));
            volumes.Insert(0, Map(("name", "scenario"), ("configMap", Map(("name", $"{Name}-scenario")))));
        }
        var containerSpec = Map(
            ("name", container),
            ("image", Image),
            ("command", new List<string> { "qnet" }),
            ("args", args.ToArray()));
        if (env.Count > 0)
        {
            containerSpec["env"] = env;
        }
        containerSpec["resources"] = Map(("requests", Map(("cpu", (indexed ? Threads ?? 1 : 1).ToString(CultureInfo.InvariantCulture)), ("memory", "512Mi"))));
        containerSpec["volumeMounts"] = mounts;
        spec["template"] = Map(
            ("metadata", Map(("labels", Labels()))),
            ("spec", Map(
                ("restartPolicy", "Never"),
                ("containers", new object[] { containerSpec }),
                ("volumes", volumes))));
        return Map(("apiVersion", "batch/v1"), ("kind", "Job"), ("metadata", Metadata(name)), ("spec", spec));
    }

    private Dictionary<string, object?> Metadata(string name) => Map(("name", name), ("labels", Labels()));

    private Dictionary<string, object?> Labels() => Map(("app.kubernetes.io/name", "qnet-sweep"), ("app.kubernetes.io/instance", Name));

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(entries.Length);
        foreach (var (key, value) in entries)
        {
            map.Add(key, value);
        }
        return map;
    }

    private static string Documents(params object[] documents)
    {
        var text = new StringBuilder();
        foreach (object document in documents)
        {
            text.Append("---\n").Append(Serializer.Serialize(document).ReplaceLineEndings("\n"));
        }
        return text.ToString();
    }

    // The scenario in the ConfigMap reads as the file does: a literal block keeps its lines as they are.
    private sealed class LiteralBlockEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && text.Contains('\n', StringComparison.Ordinal))
            {
                eventInfo.Style = ScalarStyle.Literal;
            }
            base.Emit(eventInfo, emitter);
        }
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonLabel();

    [GeneratedRegex("[^-._a-zA-Z0-9]")]
    private static partial Regex NonKey();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@-]*$")]
    private static partial Regex ImageReference();
}
