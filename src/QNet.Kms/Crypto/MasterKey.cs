using System.Security.Cryptography;

namespace QNet.Kms.Crypto;

/// <summary>
/// The 256-bit key that encrypts key material at rest and keys the audit chain. It comes from the environment
/// variable <see cref="EnvironmentVariable"/> (base64) or from a key file, and is never stored beside the data.
/// </summary>
public sealed class MasterKey
{
    /// <summary>Environment variable holding the base64 master key; it wins over any file.</summary>
    public const string EnvironmentVariable = "QNET_KMS_MASTER_KEY";

    /// <summary>Environment variable naming the master key file (instead of the development default).</summary>
    public const string FileEnvironmentVariable = "QNET_KMS_MASTER_KEY_FILE";

    private readonly byte[] _key;

    /// <summary>Where the key came from, for logs (never the key itself).</summary>
    public string Source { get; }

    private MasterKey(byte[] key, string source)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("master key must be 32 bytes", nameof(key));
        }

        _key = key;
        Source = source;
    }

    /// <summary>A master key from raw bytes (tests, benchmarks).</summary>
    public static MasterKey FromBytes(byte[] key) => new((byte[])key.Clone(), "bytes");

    /// <summary>
    /// Resolves the master key: the environment variable, else <paramref name="keyFile"/> (or the file named by
    /// <see cref="FileEnvironmentVariable"/>, or the per-user development default), creating the file with a fresh
    /// random key and mode 0600 when <paramref name="createIfMissing"/> is set (only for a new store: see
    /// <c>KmsStoreFactory.ResolveMasterKeyAsync</c>). Refuses a key file inside <paramref name="dataDirectory"/>, symbolic
    /// links resolved: the key must not live beside the data it protects. A missing file that may not be created is a
    /// <see cref="MasterKeyException"/> naming where the key was looked for.
    /// </summary>
    public static MasterKey Resolve(string? keyFile, string dataDirectory, bool createIfMissing, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Env(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);

        var fromEnv = Env(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            byte[] bytes;
            try { bytes = Convert.FromBase64String(fromEnv.Trim()); }
            catch (FormatException) { throw new InvalidOperationException($"{EnvironmentVariable} is not valid base64"); }
            if (bytes.Length != 32)
            {
                throw new InvalidOperationException($"{EnvironmentVariable} must decode to 32 bytes, got {bytes.Length}");
            }

            return new MasterKey(bytes, $"environment variable {EnvironmentVariable}");
        }

        var path = Path.GetFullPath(keyFile ?? Env(FileEnvironmentVariable) ?? DefaultDevelopmentKeyFile());
        // Compared with links resolved: a key reached through a link into the data directory is still inside it.
        var resolvedKey = ResolvedPath.Of(path);
        var data = ResolvedPath.Of(dataDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (resolvedKey.StartsWith(data, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(resolvedKey == path
                ? $"master key file {path} is inside the data directory {data}; keep it elsewhere"
                : $"master key file {path} resolves (through a symbolic link) to {resolvedKey}, inside the data directory {data}; keep it elsewhere");
        }

        if (!File.Exists(path))
        {
            if (!createIfMissing)
            {
                throw new MasterKeyException($"no master key: {EnvironmentVariable} is not set and the key file {path} does not exist");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(Convert.ToBase64String(fresh));
            }

            return new MasterKey(fresh, $"file {path} (created)");
        }

        byte[] fileBytes;
        try { fileBytes = Convert.FromBase64String(File.ReadAllText(path).Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"master key file {path} is not valid base64"); }
        if (fileBytes.Length != 32)
        {
            throw new InvalidOperationException($"master key file {path} must hold 32 bytes, got {fileBytes.Length}");
        }

        return new MasterKey(fileBytes, $"file {path}");
    }

    /// <summary>The development default: <c>$XDG_CONFIG_HOME/qnet/kms-master.key</c> or <c>~/.config/qnet/kms-master.key</c>.</summary>
    public static string DefaultDevelopmentKeyFile()
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(config))
        {
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "qnet", "kms-master.key");
    }

    /// <summary>
    /// The key's check value: HKDF of the key under the fixed label "check-value", in hex. A store records it when it
    /// is created and refuses any other key; it reveals nothing of the key or of the subkeys that protect data.
    /// </summary>
    public string CheckValue => Convert.ToHexStringLower(Derive("check-value"));

    /// <summary>A short identifier of the key for messages and logs: the first 16 hex digits of <see cref="CheckValue"/>.</summary>
    public string Id => CheckValue[..16];

    /// <summary>A 32-byte subkey for one purpose, derived by HKDF-SHA256 so purposes never share a key.</summary>
    internal byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt: [], info: System.Text.Encoding.UTF8.GetBytes("qnet-kms/" + purpose));
}
