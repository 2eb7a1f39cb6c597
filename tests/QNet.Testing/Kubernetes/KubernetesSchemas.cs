using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace QNet.Testing.Kubernetes;

/// <summary>
/// Validates Kubernetes manifests against the published JSON Schemas of their kinds (vendored under
/// Kubernetes/schemas, see SOURCE.md there) with JsonSchema.Net 8.0.5, and custom objects against their CRD's own
/// openAPIV3Schema. Every problem comes back as <c>document N (Kind name): /json/pointer: message</c>; an empty list means valid.
/// </summary>
public static class KubernetesSchemas
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    // apiVersion/kind -> vendored schema (only the kinds the manifests use).
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["apps/v1/Deployment"] = "deployment-apps-v1",
        ["apps/v1/StatefulSet"] = "statefulset-apps-v1",
        ["autoscaling/v2/HorizontalPodAutoscaler"] = "horizontalpodautoscaler-autoscaling-v2",
        ["batch/v1/Job"] = "job-batch-v1",
        ["v1/ConfigMap"] = "configmap-v1",
        ["v1/PersistentVolumeClaim"] = "persistentvolumeclaim-v1",
        ["v1/Secret"] = "secret-v1",
        ["v1/Service"] = "service-v1",
        ["v1/ServiceAccount"] = "serviceaccount-v1",
        ["networking.k8s.io/v1/NetworkPolicy"] = "networkpolicy-networking-v1",
        ["policy/v1/PodDisruptionBudget"] = "poddisruptionbudget-policy-v1",
        ["rbac.authorization.k8s.io/v1/Role"] = "role-rbac-v1",
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = "rolebinding-rbac-v1",
        ["apiextensions.k8s.io/v1/CustomResourceDefinition"] = "customresourcedefinition-apiextensions-v1",
        ["monitoring.coreos.com/v1/ServiceMonitor"] = "servicemonitor-monitoring-v1",
        ["monitoring.coreos.com/v1/PrometheusRule"] = "prometheusrule-monitoring-v1",
    };

    /// <summary>The apiVersion/kind pairs that have a vendored schema.</summary>
    public static IReadOnlyCollection<string> Kinds => Files.Keys;

    /// <summary>Validates every document of a (multi-document) YAML manifest; a kind without a vendored schema is a problem too.</summary>
    public static IReadOnlyList<string> Validate(string yamlText)
    {
        var problems = new List<string>();
        int n = 0;
        foreach (var doc in Documents(yamlText))
        {
            n++;
            string apiVersion = (string?)doc["apiVersion"] ?? "";
            string kind = (string?)doc["kind"] ?? "";
            string where = $"document {n} ({kind} {(string?)doc["metadata"]?["name"]})";
            if (!Files.TryGetValue($"{apiVersion}/{kind}", out string? file))
            {
                problems.Add($"{where}: no vendored schema for apiVersion '{apiVersion}' kind '{kind}'");
                continue;
            }
            problems.AddRange(Evaluate(Loaded.GetOrAdd(file, Load), doc).Select(p => $"{where}: {p}"));
        }
        return problems;
    }

    /// <summary>Validates custom objects (YAML) against the openAPIV3Schema of their version in a CustomResourceDefinition (YAML).</summary>
    public static IReadOnlyList<string> ValidateCustomObjects(string crdYaml, string objectsYaml)
    {
        var crd = Documents(crdYaml).Single();
        var problems = new List<string>();
        int n = 0;
        foreach (var doc in Documents(objectsYaml))
        {
            n++;
            string where = $"document {n} ({(string?)doc["kind"]} {(string?)doc["metadata"]?["name"]})";
            string expectedKind = (string)crd["spec"]!["names"]!["kind"]!;
            string group = (string)crd["spec"]!["group"]!;
            var version = crd["spec"]!["versions"]!.AsArray().FirstOrDefault(v => $"{group}/{(string?)v!["name"]}" == (string?)doc["apiVersion"]);
            if ((string?)doc["kind"] != expectedKind || version is null)
            {
                problems.Add($"{where}: apiVersion/kind is not served by {(string?)crd["metadata"]?["name"]}");
                continue;
            }
            var schema = ToJsonSchema(version["schema"]!["openAPIV3Schema"]!.DeepClone());
            schema.AsObject()["$schema"] = "http://json-schema.org/draft-07/schema#";
            problems.AddRange(Evaluate(JsonSchema.FromText(schema.ToJsonString()), doc).Select(p => $"{where}: {p}"));
        }
        return problems;
    }

    /// <summary>The documents of a multi-document YAML text as JSON (YAML 1.2 core schema: plain scalars become numbers, booleans or null).</summary>
    public static IReadOnlyList<JsonObject> Documents(string yamlText)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yamlText));
        return [.. stream.Documents.Where(d => d.RootNode is YamlMappingNode).Select(d => ToJson(d.RootNode)!.AsObject())];
    }

    private static List<string> Evaluate(JsonSchema schema, JsonObject doc)
    {
        using var json = JsonDocument.Parse(doc.ToJsonString());
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        var found = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{(d.InstanceLocation.ToString() is { Length: > 0 } p ? p : "/")}: {string.Join("; ", d.Errors!.Values)}").Distinct().ToList();
        return found.Count > 0 ? found : ["/: does not match the schema"];
    }

    private static JsonSchema Load(string file)
    {
        using var stream = typeof(KubernetesSchemas).Assembly.GetManifestResourceStream($"QNet.Testing.Kubernetes.{file}.json")
            ?? throw new InvalidOperationException($"schema {file}.json is not embedded");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd(), baseUri: new Uri($"https://schemas.qnet.test/{file}.json"));
    }

    // A CRD's OpenAPI v3.0 schema as JSON Schema: boolean exclusiveMinimum/Maximum become numbers, nullable adds null,
    // and (as the API server prunes unknown fields) an object that lists properties and does not keep unknown fields
    // takes no others, so a misspelt field is named instead of silently dropped.
    private static JsonNode ToJsonSchema(JsonNode node)
    {
        if (node is JsonObject o)
        {
            if (o["exclusiveMinimum"] is JsonValue emin && emin.TryGetValue(out bool exMin))
            {
                o.Remove("exclusiveMinimum");
                if (exMin && o["minimum"] is { } min)
                {
                    o.Remove("minimum");
                    o["exclusiveMinimum"] = min.DeepClone();
                }
            }
            if (o["exclusiveMaximum"] is JsonValue emax && emax.TryGetValue(out bool exMax))
            {
                o.Remove("exclusiveMaximum");
                if (exMax && o["maximum"] is { } max)
                {
                    o.Remove("maximum");
                    o["exclusiveMaximum"] = max.DeepClone();
                }
            }
            if (o["properties"] is JsonObject && o["additionalProperties"] is null && o["x-kubernetes-preserve-unknown-fields"] is null)
            {
                o["additionalProperties"] = false;
            }
            foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal)).ToList())
            {
                o.Remove(key);
            }
            foreach (var (_, child) in o.ToList())
            {
                if (child is not null)
                {
                    ToJsonSchema(child);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                {
                    ToJsonSchema(child);
                }
            }
        }
        return node;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value),
        _ => throw new FormatException($"unsupported YAML node at {node.Start}"),
    };

    private static JsonValue? Plain(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(v.Equals("true", StringComparison.OrdinalIgnoreCase));
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return JsonValue.Create(l);
        }
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && v.Any(char.IsAsciiDigit))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(v);
    }
}
