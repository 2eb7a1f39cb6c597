using System.Text.Json;
using System.Text.Json.Nodes;
using QNet.ControlPlane.Apis;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>
/// Reads custom resource objects (JSON as the API server sends them) into the reconciler's records and writes statuses
/// back as the merge patch that carries the resourceVersion guard. The API server has already checked the objects against
/// the CRD schemas; a field of an unexpected type reads as absent, and the session request checks then name it.
/// </summary>
internal static class ResourceJson
{
    /// <summary>A <c>QuantumSession</c> object.</summary>
    public static QuantumSessionResource Session(JsonElement obj)
    {
        var (ns, name, uid, rv, generation) = Metadata(obj);
        var spec = obj.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var request = new SessionRequest(null, String(spec, "source"), String(spec, "destination"), String(spec, "application"), Number(spec, "minFidelity"),
            Number(spec, "rateHz"), Integer(spec, "pairs"), Number(spec, "durationSeconds"), Integer(spec, "priority") is { } p ? (int)Math.Clamp(p, int.MinValue, int.MaxValue) : null, Number(spec, "cutoffSeconds"));
        QuantumSessionStatus? status = null;
        if (obj.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Object && String(st, "sessionId") is { } id && String(st, "phase") is { } phase)
        {
            status = new QuantumSessionStatus(id, phase, Bool(st, "admitted") ?? false, String(st, "reason"), String(st, "path"), Number(st, "expectedFidelity"),
                Integer(st, "pairs") ?? 0, Number(st, "pairsPerSecond"), Number(st, "meanFidelity"), Integer(st, "observedGeneration") ?? 0);
        }
        return new QuantumSessionResource(ns, name, uid, rv, generation, request, status);
    }

    /// <summary>A <c>QuantumLink</c> object.</summary>
    public static QuantumLinkResource Link(JsonElement obj)
    {
        var (ns, name, uid, rv, generation) = Metadata(obj);
        var spec = obj.TryGetProperty("spec", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        QuantumLinkStatus? status = null;
        if (obj.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Object)
        {
            status = new QuantumLinkStatus(Bool(st, "up"), Number(st, "transmittance"), Integer(st, "pairsGenerated"), Number(st, "meanFidelity"),
                String(st, "outOfServiceFault"), String(st, "message"), Integer(st, "observedGeneration") ?? 0);
        }
        return new QuantumLinkResource(ns, name, uid, rv, generation, String(spec, "link") ?? "", Bool(spec, "inService") ?? true, status);
    }

    /// <summary>
    /// The JSON merge patch of a status write: <c>metadata.resourceVersion</c> makes the API server refuse it with 409 when
    /// the object changed since it was read; the status replaces every field (a null clears one).
    /// </summary>
    public static string StatusPatch(StatusPatch patch)
    {
        var status = patch.Status switch
        {
            QuantumSessionStatus s => new JsonObject
            {
                ["sessionId"] = s.SessionId,
                ["phase"] = s.Phase,
                ["admitted"] = s.Admitted,
                ["reason"] = s.Reason,
                ["path"] = s.Path,
                ["expectedFidelity"] = s.ExpectedFidelity,
                ["pairs"] = s.Pairs,
                ["pairsPerSecond"] = s.PairsPerSecond,
                ["meanFidelity"] = s.MeanFidelity,
                ["observedGeneration"] = s.ObservedGeneration,
            },
            QuantumLinkStatus l => new JsonObject
            {
                ["up"] = l.Up,
                ["transmittance"] = l.Transmittance,
                ["pairsGenerated"] = l.PairsGenerated,
                ["meanFidelity"] = l.MeanFidelity,
                ["outOfServiceFault"] = l.OutOfServiceFault,
                ["message"] = l.Message,
                ["observedGeneration"] = l.ObservedGeneration,
            },
            _ => throw new ArgumentException($"not a status: {patch.Status.GetType().Name}", nameof(patch)),
        };
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = patch.ResourceVersion },
            ["status"] = status,
        };
        return body.ToJsonString();
    }

    private static (string Namespace, string Name, string Uid, string ResourceVersion, long Generation) Metadata(JsonElement obj)
    {
        var m = obj.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : default;
        return (String(m, "namespace") ?? "default", String(m, "name") ?? "", String(m, "uid") ?? "", String(m, "resourceVersion") ?? "", Integer(m, "generation") ?? 0);
    }

    private static JsonElement? Field(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? String(JsonElement obj, string name) => Field(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static double? Number(JsonElement obj, string name) => Field(obj, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static long? Integer(JsonElement obj, string name) =>
        Field(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out long n) ? n : null;

    private static bool? Bool(JsonElement obj, string name) => Field(obj, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;
}
