using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QNet.ControlPlane.Tests.Kubernetes;

/// <summary>
/// A stand-in Kubernetes API server on loopback that speaks the subset the reconciler uses, for the qnet.io custom
/// resources of any namespace: list (and list with watch=true: the current objects as ADDED events, then the stream
/// ends), get, and a JSON merge patch on the status subresource that honours metadata.resourceVersion (409 when stale),
/// bumps the resourceVersion and leaves the spec alone. Tests add, change and delete objects directly.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<(string Plural, string Namespace, string Name), JsonObject> _objects = [];
    private readonly Lock _lock = new();
    private long _version = 100;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    /// <summary>Base URL of the API server.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Status patches received (including refused ones).</summary>
    public int Patches { get; private set; }

    /// <summary>Run once before the next status patch is applied (e.g. another writer changing the object).</summary>
    public Action? BeforeNextPatch { get; set; }

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.MapGet("/apis/qnet.io/v1alpha1/namespaces/{ns}/{plural}", api.ListAsync);
        app.MapGet("/apis/qnet.io/v1alpha1/namespaces/{ns}/{plural}/{name}", (string ns, string plural, string name) => api.Get(plural, ns, name));
        app.MapMethods("/apis/qnet.io/v1alpha1/namespaces/{ns}/{plural}/{name}/status", ["PATCH"], api.PatchStatusAsync);
        await app.StartAsync();
        api.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return api;
    }

    /// <summary>Creates an object (uid, resourceVersion and generation assigned); returns its uid.</summary>
    public string Create(string plural, string kind, string ns, string name, JsonObject spec)
    {
        lock (_lock)
        {
            string uid = $"00000000-0000-4000-8000-{_objects.Count + 1:D12}";
            _objects[(plural, ns, name)] = new JsonObject
            {
                ["apiVersion"] = "qnet.io/v1alpha1",
                ["kind"] = kind,
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid, ["resourceVersion"] = (++_version).ToString(), ["generation"] = 1L },
                ["spec"] = spec,
            };
            return uid;
        }
    }

    /// <summary>Replaces an object's spec (a user's kubectl apply): new resourceVersion and generation.</summary>
    public void SetSpec(string plural, string ns, string name, JsonObject spec)
    {
        lock (_lock)
        {
            var obj = _objects[(plural, ns, name)];
            obj["spec"] = spec;
            var meta = obj["metadata"]!.AsObject();
            meta["resourceVersion"] = (++_version).ToString();
            meta["generation"] = meta["generation"]!.GetValue<long>() + 1;
        }
    }

    public void Delete(string plural, string ns, string name)
    {
        lock (_lock)
        {
            _objects.Remove((plural, ns, name));
        }
    }

    /// <summary>A copy of an object as stored.</summary>
    public JsonObject Object(string plural, string ns, string name)
    {
        lock (_lock)
        {
            return _objects[(plural, ns, name)].DeepClone().AsObject();
        }
    }

    private async Task ListAsync(HttpContext http, string ns, string plural)
    {
        JsonObject[] items;
        lock (_lock)
        {
            items = [.. _objects.Where(o => o.Key.Plural == plural && o.Key.Namespace == ns).OrderBy(o => o.Key.Name, StringComparer.Ordinal).Select(o => o.Value.DeepClone().AsObject())];
        }
        if (http.Request.Query["watch"] == "true" || http.Request.Query["watch"] == "1")
        {
            http.Response.ContentType = "application/json";
            foreach (var item in items)
            {
                await http.Response.WriteAsync(new JsonObject { ["type"] = "ADDED", ["object"] = item }.ToJsonString() + "\n");
            }
            return;
        }
        var list = new JsonObject
        {
            ["apiVersion"] = "qnet.io/v1alpha1",
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString() },
            ["items"] = new JsonArray([.. items]),
        };
        await Results.Text(list.ToJsonString(), "application/json").ExecuteAsync(http);
    }

    private IResult Get(string plural, string ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue((plural, ns, name), out var obj)
                ? Results.Text(obj.ToJsonString(), "application/json")
                : Status(404, "NotFound", $"{plural} \"{name}\" not found");
        }
    }

    private async Task<IResult> PatchStatusAsync(HttpContext http, string ns, string plural, string name)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var patch = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (_lock)
        {
            Patches++;
            if (!string.Equals(http.Request.ContentType?.Split(';')[0], "application/merge-patch+json", StringComparison.Ordinal))
            {
                return Status(415, "UnsupportedMediaType", $"expected a merge patch, not {http.Request.ContentType}");
            }
            var before = BeforeNextPatch;
            BeforeNextPatch = null;
            before?.Invoke();
            if (!_objects.TryGetValue((plural, ns, name), out var obj))
            {
                return Status(404, "NotFound", $"{plural} \"{name}\" not found");
            }
            var meta = obj["metadata"]!.AsObject();
            if (patch["metadata"]?["resourceVersion"]?.GetValue<string>() is { } expected && expected != meta["resourceVersion"]!.GetValue<string>())
            {
                return Status(409, "Conflict", $"Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }
            var status = obj["status"] as JsonObject ?? [];
            foreach (var (key, value) in patch["status"]?.AsObject() ?? [])
            {
                if (value is null)
                {
                    status.Remove(key);
                }
                else
                {
                    status[key] = value.DeepClone();
                }
            }
            obj["status"] = status;
            meta["resourceVersion"] = (++_version).ToString();
            return Results.Text(obj.ToJsonString(), "application/json");
        }
    }

    private static IResult Status(int code, string reason, string message) => Results.Text(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Status",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    }.ToJsonString(), "application/json", statusCode: code);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
