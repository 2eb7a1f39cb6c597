using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace QNet.ControlPlane.Kubernetes;

/// <summary><see cref="IKubernetesResources"/> with the KubernetesClient library, on one namespace.</summary>
internal sealed class KubernetesResources(IKubernetes client, string ns) : IKubernetesResources
{
    // Who writes the status, as the API server records it in managedFields.
    private const string FieldManager = "qnet-reconciler";

    public async Task<IReadOnlyList<JsonElement>> ListAsync(QuantumKind kind, CancellationToken cancellationToken)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(QuantumKinds.Group, QuantumKinds.Version, ns, QuantumKinds.Plural(kind),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray()] : [];
    }

    public async Task<JsonElement?> GetAsync(QuantumKind kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(QuantumKinds.Group, QuantumKinds.Version, ns, QuantumKinds.Plural(kind), name,
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<PatchOutcome> PatchStatusAsync(StatusPatch patch, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonElement>(new V1Patch(ResourceJson.StatusPatch(patch), V1Patch.PatchType.MergePatch),
                QuantumKinds.Group, QuantumKinds.Version, patch.Namespace, QuantumKinds.Plural(patch.Kind), patch.Name, fieldManager: FieldManager,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return PatchOutcome.Written;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return PatchOutcome.Conflict;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return PatchOutcome.Gone;
        }
    }

    public async IAsyncEnumerable<string> WatchAsync(QuantumKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.CustomObjects.WatchListNamespacedCustomObjectAsync(QuantumKinds.Group, QuantumKinds.Version, ns, QuantumKinds.Plural(kind),
            allowWatchBookmarks: false, cancellationToken: cancellationToken);
        await foreach (var (type, _) in events.ConfigureAwait(false))
        {
            yield return type.ToString();
        }
    }
}
