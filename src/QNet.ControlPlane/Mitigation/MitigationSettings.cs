using System.Text.Json;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;
using QNet.Network.Mitigation;

namespace QNet.ControlPlane.Mitigation;

/// <summary>The mitigation policy in the control-plane store (setting <c>mitigation</c>, written by <c>PUT /api/v1/mitigation</c>).</summary>
internal static class MitigationSettings
{
    /// <summary>The stored policy over the default, or null when none is stored.</summary>
    /// <exception cref="InvalidOperationException">The stored policy is no longer valid (names the field).</exception>
    public static async Task<MitigationPolicy?> LoadAsync(ControlPlaneStore store, CancellationToken ct)
    {
        var body = await store.GetSettingAsync(ControlPlaneStore.MitigationSetting, ct).ConfigureAwait(false);
        return body is null ? null : Parse(body);
    }

    /// <summary>A stored body as a policy over the default.</summary>
    public static MitigationPolicy Parse(string body)
    {
        MitigationPolicyWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<MitigationPolicyWire>(body, TwinPersistence.Json);
        }
        catch (JsonException)
        {
            wire = null;
        }
        if (wire is null)
        {
            throw new InvalidOperationException("the stored mitigation policy is not valid JSON; set it again with PUT /api/v1/mitigation");
        }
        var (policy, field, error) = wire.Over(MitigationPolicy.Default);
        return policy ?? throw new InvalidOperationException($"the stored mitigation policy is not valid: {field} {error}");
    }
}
