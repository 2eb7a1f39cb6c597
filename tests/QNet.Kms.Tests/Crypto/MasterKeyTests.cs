using QNet.Kms.Crypto;

namespace QNet.Kms.Tests.Crypto;

public sealed class MasterKeyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-mk-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> _noEnvironment = new();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Resolve_MissingFileAllowedToCreate_CreatesOwnerOnly32ByteKeyAndRereadsIt()
    {
        var file = Path.Combine(_root, "keys", "master.key");
        var first = MasterKey.Resolve(file, Path.Combine(_root, "data"), createIfMissing: true, _noEnvironment);
        Assert.Contains("created", first.Source);
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(file).Trim()).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var second = MasterKey.Resolve(file, Path.Combine(_root, "data"), createIfMissing: false, _noEnvironment);
        Assert.Equal(first.Derive("x"), second.Derive("x"));
    }

    [Fact]
    public void Resolve_FileInsideDataDirectory_Refused()
    {
        var data = Path.Combine(_root, "data");
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(Path.Combine(data, "master.key"), data, createIfMissing: true, _noEnvironment));
        Assert.Contains("inside the data directory", error.Message);
    }

    [Fact]
    public void Resolve_EnvironmentVariableSet_WinsOverFile()
    {
        var bytes = Enumerable.Repeat((byte)7, 32).ToArray();
        var environment = new Dictionary<string, string?> { [MasterKey.EnvironmentVariable] = Convert.ToBase64String(bytes) };
        var key = MasterKey.Resolve(Path.Combine(_root, "absent.key"), _root + "/data", createIfMissing: false, environment);
        Assert.Equal(MasterKey.FromBytes(bytes).Derive("at-rest"), key.Derive("at-rest"));
        Assert.False(File.Exists(Path.Combine(_root, "absent.key")));
    }

    [Fact]
    public void Resolve_EnvironmentVariableWrongLength_Refused()
    {
        var environment = new Dictionary<string, string?> { [MasterKey.EnvironmentVariable] = Convert.ToBase64String(new byte[16]) };
        Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(null, _root, createIfMissing: true, environment));
    }

    [Fact]
    public void Resolve_MissingFileNotAllowedToCreate_RefusedNamingWhereItLooked()
    {
        var file = Path.Combine(_root, "none.key");
        var error = Assert.Throws<MasterKeyException>(() => MasterKey.Resolve(file, Path.Combine(_root, "data"), createIfMissing: false, _noEnvironment));
        Assert.Contains(file, error.Message);
        Assert.Contains(MasterKey.EnvironmentVariable, error.Message);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Resolve_KeyFileLinkedIntoDataDirectory_Refused()
    {
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        var inside = Path.Combine(data, "master.key");
        File.WriteAllText(inside, Convert.ToBase64String(new byte[32]));
        var link = Path.Combine(_root, "keys", "master.key");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, inside);
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(link, data, createIfMissing: false, _noEnvironment));
        Assert.Contains("symbolic link", error.Message);
        Assert.Contains("inside the data directory", error.Message);
    }

    [Fact]
    public void Resolve_KeyFolderLinkedIntoDataDirectory_RefusedAndNoKeyCreated()
    {
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(Path.Combine(data, "secrets"));
        var linkedFolder = Path.Combine(_root, "keys");
        Directory.CreateSymbolicLink(linkedFolder, "data/secrets"); // relative target, resolved from the link's folder
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(Path.Combine(linkedFolder, "master.key"), data, createIfMissing: true, _noEnvironment));
        Assert.Contains("inside the data directory", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "secrets")));
    }

    [Fact]
    public void Resolve_DataDirectoryIsALinkToTheKeysFolder_Refused()
    {
        var keys = Path.Combine(_root, "keys");
        Directory.CreateDirectory(keys);
        var data = Path.Combine(_root, "data");
        Directory.CreateSymbolicLink(data, keys);
        Assert.Throws<InvalidOperationException>(() => MasterKey.Resolve(Path.Combine(keys, "master.key"), data, createIfMissing: true, _noEnvironment));
        Assert.False(File.Exists(Path.Combine(keys, "master.key")));
    }

    [Fact]
    public void CheckValue_SameKeyTwiceAndAnotherKey_EqualThenDifferentAndNotTheKey()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var key = MasterKey.FromBytes(bytes);
        Assert.Equal(key.CheckValue, MasterKey.FromBytes(bytes).CheckValue);
        Assert.NotEqual(key.CheckValue, MasterKey.FromBytes(new byte[32]).CheckValue);
        Assert.Equal(64, key.CheckValue.Length);
        Assert.DoesNotContain(Convert.ToHexStringLower(bytes), key.CheckValue);
        Assert.Equal(key.CheckValue[..16], key.Id);
    }
}
