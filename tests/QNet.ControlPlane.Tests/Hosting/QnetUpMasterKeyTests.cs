using System.Diagnostics;
using System.Security.Cryptography;
using QNet.ControlPlane.Etsi;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Tests.Support;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>
/// `qnet up` on existing data with no master key where it looks, or with another key: it exits non-zero with a message
/// naming where it looked (or that the key is not the store's), never creates a key, and leaves the data as it was.
/// </summary>
[Collection("servers")]
public sealed class QnetUpMasterKeyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-upkey-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => ControlPlaneServer.MasterKeyFileUnder(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>Data as an earlier `qnet up` left it: key store (with an SAE), control-plane store with a token, PKI.</summary>
    private async Task CreateExistingDataAsync()
    {
        await KmsAdministration.IssueSaeAsync(Data, "sae-alice", "alice", null, MasterKey, TimeProvider.System);
        await ControlPlaneAdministration.CreateTokenAsync(Data, null, "operator", "test", TimeProvider.System);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Up_ExistingDataMasterKeyFileMissing_ExitsNonZeroNamingTheFileAndWritesNothing()
    {
        await CreateExistingDataAsync();
        var before = Snapshot();
        var elsewhere = Path.Combine(_root, "other-home", ".config", "qnet", "kms-master.key");
        var (exitCode, output) = await RunUpAsync(new() { ["QNET_KMS_MASTER_KEY_FILE"] = elsewhere });
        Assert.NotEqual(0, exitCode);
        Assert.Contains(elsewhere, output, StringComparison.Ordinal);
        Assert.Contains("already holds data", output, StringComparison.Ordinal);
        Assert.DoesNotContain("(created)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(elsewhere));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Up_ExistingDataOtherMasterKeyInEnvironment_ExitsNonZeroSayingItIsNotTheStoresAndWritesNothing()
    {
        await CreateExistingDataAsync();
        var before = Snapshot();
        var (exitCode, output) = await RunUpAsync(new()
        {
            ["QNET_KMS_MASTER_KEY_FILE"] = MasterKey,
            ["QNET_KMS_MASTER_KEY"] = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()),
        });
        Assert.NotEqual(0, exitCode);
        Assert.Contains("QNET_KMS_MASTER_KEY", output, StringComparison.Ordinal);
        Assert.Contains("is not the key of the store", output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>
    /// Runs `qnet up` on the data until it exits. Should it start instead (the defect), it prints its URLs: the run
    /// is stopped there and reported, so the test fails rather than waits.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunUpAsync(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { QnetPaths.QnetDll(), "up", "--api-port", "0", "--etsi-port", "0", "--data", Data })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("QNET_KMS_MASTER_KEY");
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start qnet");
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("dashboard:", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"qnet up started on data whose master key is missing or foreign:\n{string.Join('\n', lines)}");
            }
        }
        await process.WaitForExitAsync();
        return (process.ExitCode, string.Join('\n', lines) + "\n" + await stderr);
    }

    /// <summary>Every file under the data folder with a hash of its content (SQLite's transient -wal/-shm companions aside).</summary>
    private string Snapshot() => string.Join('\n', Directory.GetFiles(Data, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(Data, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));
}
