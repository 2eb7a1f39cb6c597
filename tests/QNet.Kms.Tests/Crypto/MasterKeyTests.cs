using QNet.Kms.Crypto;

namespace QNet.Kms.Tests.Crypto;

public sealed class MasterKeyTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"qnet-mk-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> noEnvironment = new();

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Resolve_MissingFileAllowedToCreate_CreatesOwnerOnly32ByteKeyAndRereadsIt()
    {
        var file = Path.Combine(root, "keys", "master.key");
        var first = MasterKey.Resolve(file, Path.Combine(root, "data"), createIfMissing: true, noEnvironment);
        Assert.Contains("created", first.Source);
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file).Trim()).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var second = MasterKey.Resolve(file, Path.Combine(root, "data"), createIfMissing: false, noEnvironment);
        Assert.Equal(first.Derive("x"), second.Derive("x"));
    }

    [Fact]
    public void Resolve_FileInsideDataDirectory_Refused()
    {
        var data = Path.Combine(root, "data");
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(Path.Combine(data, "master.key"), data, createIfMissing: true, noEnvironment));
        Assert.Contains("inside the data directory", error.Message);
    }

    [Fact]
    public void Resolve_EnvironmentVariableSet_WinsOverFile()
    {
        var bytes = Enumerable.Repeat((byte)7, 32).ToArray();
        var environment = new Dictionary<string, string?> { [MasterKey.EnvironmentVariable] = Convert.ToBase64String(bytes) };
        var key = MasterKey.Resolve(Path.Combine(root, "absent.key"), root + "/data", createIfMissing: false, environment);
        Assert.Equal(MasterKey.FromBytes(bytes).Derive("at-rest"), key.Derive("at-rest"));
        Assert.False(File.Exists(Path.Combine(root, "absent.key")));
    }

    [Fact]
    public void Resolve_EnvironmentVariableWrongLength_Refused()
    {
        var environment = new Dictionary<string, string?> { [MasterKey.EnvironmentVariable] = Convert.ToBase64String(new byte[16]) };
        Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(null, root, createIfMissing: true, environment));
    }

    [Fact]
    public void Resolve_MissingFileNotAllowedToCreate_Refused() =>
        Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(Path.Combine(root, "none.key"), Path.Combine(root, "data"), createIfMissing: false, noEnvironment));
}
