using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;

namespace QNet.ControlPlane.Hosting;

/// <summary>Offline operations on the control plane's store (<c>qnet token create</c>).</summary>
public static class ControlPlaneAdministration
{
    /// <summary>True when the control-plane store of a data folder (or PostgreSQL) exists; reads only, so a mistyped folder is not created.</summary>
    public static Task<bool> StoreExistsAsync(string dataDirectory, string? postgres, CancellationToken cancellationToken = default)
    {
        var options = new ControlPlaneOptions(dataDirectory, postgres: postgres);
        return ControlPlaneStore.ExistsAsync(options.SqlitePath, options.Postgres, cancellationToken);
    }

    /// <summary>Creates an API token with <paramref name="role"/> (viewer or operator) in the store of a data folder (or PostgreSQL); returns the token.</summary>
    public static async Task<string> CreateTokenAsync(string dataDirectory, string? postgres, string role, string name, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var options = new ControlPlaneOptions(dataDirectory, postgres: postgres);
        await using var store = await ControlPlaneStore.OpenAsync(options.SqlitePath, options.Postgres, cancellationToken).ConfigureAwait(false);
        return await TokenService.CreateAsync(store, role, name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
