using System.Security.Cryptography;
using QNet.ControlPlane.Storage;

namespace QNet.ControlPlane.Auth;

/// <summary>
/// Bearer tokens of the admin API. A token is <c>qnet_</c> + 32 random bytes (base64url); only its SHA-256 is
/// stored, with a role: <c>viewer</c> reads, <c>operator</c> reads and changes. Tokens created while the service
/// runs (by <c>qnet token create</c> in another process) are found by reloading the store on an unknown hash, at
/// most once per second.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One token service lives as long as the host; its semaphore holds no OS handle until a waiter blocks, and nothing waits on it after shutdown.")]
internal sealed class TokenService(ControlPlaneStore store, TimeProvider time)
{
    /// <summary>Role that may read.</summary>
    public const string Viewer = "viewer";

    /// <summary>Role that may read and change.</summary>
    public const string Operator = "operator";

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, string> _roles = new(StringComparer.Ordinal);
    private long _lastReload = -1;

    /// <summary>True for a known role name.</summary>
    public static bool IsRole(string? role) => role is Viewer or Operator;

    /// <summary>A new random token.</summary>
    public static string NewToken() => "qnet_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Hex SHA-256 of a token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates and stores a token; returns the token (shown once, never stored).</summary>
    public static async Task<string> CreateAsync(ControlPlaneStore store, string role, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!IsRole(role))
        {
            throw new ArgumentException("role must be viewer or operator", nameof(role));
        }

        var token = NewToken();
        await store.SaveTokenAsync(new TokenRecord(Hash(token), role, name, now), cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The role of a token, or null when unknown.</summary>
    public async ValueTask<string?> RoleOfAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        if (_roles.TryGetValue(hash, out var role))
        {
            return role;
        }
        long now = time.GetTimestamp();
        long last = Interlocked.Read(ref _lastReload);
        if (last >= 0 && now - last < time.TimestampFrequency)
        {
            return null;
        }
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _lastReload) is var l && (l < 0 || time.GetTimestamp() - l >= time.TimestampFrequency))
            {
                var tokens = await store.ListTokensAsync(cancellationToken).ConfigureAwait(false);
                _roles = tokens.ToDictionary(t => t.Hash, t => t.Role, StringComparer.Ordinal);
                Interlocked.Exchange(ref _lastReload, time.GetTimestamp());
            }
        }
        finally
        {
            _reload.Release();
        }
        return _roles.GetValueOrDefault(hash);
    }
}
