using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;

namespace QNet.Cli.Commands;

/// <summary>
/// Verbs that work on existing data (<c>token create</c>, <c>pki issue-sae</c>, <c>kms policy</c>, <c>audit verify</c>)
/// refuse a folder or store that holds none instead of creating one: a fresh store beside the running service's
/// would take the change and the service would never see it.
/// </summary>
internal static class RequiredData
{
    /// <summary>The refusal, naming the folder and what to do.</summary>
    public static string Missing(string dataDirectory, string? explicitStore) => explicitStore is null
        ? $"no QNet data in {dataDirectory}; start `qnet up --data {dataDirectory}` first or pass --data"
        : "no QNet data in the store given by --store (or $QNET_KMS_STORE); start `qnet up` or `qnet kms serve` on it first";

    /// <summary>The refusal for a KMS verb's settings (the data folder, or the store named by --store or $QNET_KMS_STORE).</summary>
    public static string Missing(KmsDataSettings settings) => Missing(settings.Data, ExplicitStore(settings.Store));

    /// <summary>True when the key store exists; otherwise prints <see cref="Missing(KmsDataSettings)"/> on standard error.</summary>
    public static async Task<bool> KmsStoreExistsAsync(KmsDataSettings settings, CancellationToken cancellationToken)
    {
        if (await KmsAdministration.StoreExistsAsync(settings.Data, settings.Store, cancellationToken))
        {
            return true;
        }

        Report(Missing(settings));
        return false;
    }

    /// <summary>True when the control-plane store exists; otherwise prints <see cref="Missing(string, string?)"/> on standard error.</summary>
    public static async Task<bool> ControlPlaneStoreExistsAsync(string dataDirectory, string? postgres, CancellationToken cancellationToken)
    {
        if (await ControlPlaneAdministration.StoreExistsAsync(dataDirectory, postgres, cancellationToken))
        {
            return true;
        }

        Report(postgres is null ? Missing(dataDirectory, null) : "no QNet data in the PostgreSQL database given by --postgres; start `qnet up --postgres ...` on it first");
        return false;
    }

    /// <summary>The store location named by --store or $QNET_KMS_STORE, or null for the data folder's own file.</summary>
    private static string? ExplicitStore(string? store) =>
        !string.IsNullOrEmpty(store) ? store : Environment.GetEnvironmentVariable(KmsDataLayout.StoreEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    /// <summary>
    /// Starts a host (<c>qnet up</c>, <c>qnet kms serve</c>). A missing or foreign master key on existing data is
    /// reported and gives null: nothing was written and the host did not start.
    /// </summary>
    public static async Task<T?> StartHostAsync<T>(Func<Task<T>> start) where T : class
    {
        try
        {
            return await start();
        }
        catch (QNet.Kms.Crypto.MasterKeyException refused)
        {
            Report(refused.Message);
            return null;
        }
    }

    /// <summary>Prints an error line on standard error, unwrapped (a terminal-width wrap would split paths).</summary>
    public static void Report(string message) => Console.Error.WriteLine($"error: {message}");
}
