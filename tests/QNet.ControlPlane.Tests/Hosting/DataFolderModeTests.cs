using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Tests.Support;
using QNet.Kms.Storage;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>The data folder and its stores are the owner's alone (0700, 0600), as the private keys in it already are.</summary>
[Collection("servers")]
public sealed class DataFolderModeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-modes-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task StartAsync_NewDataFolder_FolderOwnerOnlyAndBothStoresOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        await using var server = await ControlPlaneServer.StartAsync(timeFactor: 1);
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(server.DataDirectory));
        var stores = Directory.GetFiles(server.DataDirectory, "*.db*");
        Assert.Contains(Path.Combine(server.DataDirectory, "kms.db"), stores);
        Assert.Contains(Path.Combine(server.DataDirectory, "controlplane.db"), stores);
        foreach (var file in stores)
        {
            Assert.Equal((file, PrivateFiles.FileMode), (file, File.GetUnixFileMode(file)));
        }
    }

    [Fact]
    public async Task OpenAsync_NewSqliteStore_FolderAndFileOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        var path = Path.Combine(_root, "data", "controlplane.db");
        await using (await ControlPlaneStore.OpenAsync(path, null))
        {
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(path));
        }
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }
}
