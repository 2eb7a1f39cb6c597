using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Crypto;

public sealed class AtRestEncryptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qnet-enc-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Store_KeyMaterial_NeverAppearsInPlainTextOnDisk()
    {
        var path = Path.Combine(_directory, "kms.db");
        var block = TestData.Block(42, bytes: 4096);
        await using (var store = await KmsStoreFactory.OpenAsync(path, TestData.MasterKey))
        {
            using var kms = new KeyManager(store, new KmsOptions(), new ManualTimeProvider(TestData.Epoch));
            await kms.RegisterSaeAsync(new SaeRegistration("sae-a", "alice"));
            await kms.RegisterSaeAsync(new SaeRegistration("sae-b", "bob"));
            await kms.DepositAsync("alice", block);
            await kms.DepositAsync("bob", block);
            Assert.True((await kms.GetEncKeysAsync("sae-a", "sae-b", new EncKeysRequest(4, 256, [], []))).IsOk);
        }
        SqliteConnection.ClearAllPools();
        var disk = Directory.GetFiles(_directory).SelectMany(File.ReadAllBytes).ToArray();
        // Any 16-byte window of the block would show up if material were stored in the clear; 4096-16 windows checked.
        for (var offset = 0; offset + 16 <= block.Material.Length; offset += 16)
        {
            Assert.True(disk.AsSpan().IndexOf(block.Material.AsSpan(offset, 16)) < 0, $"plaintext window at {offset} found on disk");
        }
    }

    [Fact]
    public void Open_SealedForAnotherRow_Throws()
    {
        using var cipher = new AtRestCipher(TestData.MasterKey);
        var sealedValue = cipher.Seal([1, 2, 3], "key:a");
        Assert.Equal(new byte[] { 1, 2, 3 }, cipher.Open(sealedValue, "key:a"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Open(sealedValue, "key:b"));
    }

    [Fact]
    public void Hybrid_SameInputs_SameKeyAndEitherInputChangesIt()
    {
        var qkd = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var kem = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var id = new Guid(1, 2, 3, new byte[8]);
        var key = HybridKeyDeriver.Hybrid(qkd, kem, id, 32);
        Assert.Equal(key, HybridKeyDeriver.Hybrid(qkd, kem, id, 32));
        var otherQkd = (byte[])qkd.Clone(); otherQkd[0] ^= 1;
        var otherKem = (byte[])kem.Clone(); otherKem[0] ^= 1;
        Assert.NotEqual(key, HybridKeyDeriver.Hybrid(otherQkd, kem, id, 32));
        Assert.NotEqual(key, HybridKeyDeriver.Hybrid(qkd, otherKem, id, 32));
    }

    [Fact]
    public void EstablishSecret_MlKem768_Returns32ByteSecretsThatDiffer()
    {
        var kem = new HybridKeyDeriver();
        var a = kem.EstablishSecret("bob");
        var b = kem.EstablishSecret("bob");
        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
    }
}
