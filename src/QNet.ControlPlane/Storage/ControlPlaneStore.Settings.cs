namespace QNet.ControlPlane.Storage;

internal sealed partial class ControlPlaneStore
{
    /// <summary>Name of the mitigation policy setting.</summary>
    public const string MitigationSetting = "mitigation";

    /// <summary>Stores a setting's JSON body under <paramref name="name"/>, replacing the previous one.</summary>
    public Task SaveSettingAsync(string name, string body, DateTimeOffset at, CancellationToken ct = default) => ExecuteAsync(
        "INSERT INTO cp_settings (name, body, updated_at) VALUES (@name, @body, @at) ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        [("@name", name), ("@body", body), ("@at", at.ToUnixTimeMilliseconds())], ct);

    /// <summary>A setting's JSON body, or null when it was never stored.</summary>
    public async Task<string?> GetSettingAsync(string name, CancellationToken ct = default) =>
        (await QueryAsync("SELECT body FROM cp_settings WHERE name = @name", [("@name", name)], r => r.GetString(0), ct).ConfigureAwait(false)).FirstOrDefault();
}
