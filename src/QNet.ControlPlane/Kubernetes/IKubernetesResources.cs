using System.Text.Json;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>The subset of the Kubernetes API the reconciler uses, on the custom resources of one namespace: list, get, watch, patch status.</summary>
internal interface IKubernetesResources
{
    /// <summary>Every object of a kind (items as the API server sends them).</summary>
    Task<IReadOnlyList<JsonElement>> ListAsync(QuantumKind kind, CancellationToken cancellationToken);

    /// <summary>One object, or null when it is gone.</summary>
    Task<JsonElement?> GetAsync(QuantumKind kind, string name, CancellationToken cancellationToken);

    /// <summary>Writes a status guarded by its resourceVersion (JSON merge patch on the status subresource).</summary>
    Task<PatchOutcome> PatchStatusAsync(StatusPatch patch, CancellationToken cancellationToken);

    /// <summary>Watches a kind; yields once per change (added, modified, deleted) until the server ends the watch.</summary>
    IAsyncEnumerable<string> WatchAsync(QuantumKind kind, CancellationToken cancellationToken);
}

/// <summary>How a guarded status write ended.</summary>
internal enum PatchOutcome
{
    /// <summary>Written.</summary>
    Written,

    /// <summary>409: the object changed since it was read; read it again.</summary>
    Conflict,

    /// <summary>404: the object is gone.</summary>
    Gone,
}
