using Microsoft.Data.Sqlite;
using QNet.Kms.Audit;
using QNet.Kms.Crypto;
using QNet.Kms.Domain;
using QNet.Kms.Storage;

namespace QNet.Kms.Tests.Audit;

/// <summary>Tampering with the stored audit trail — editing, removing or reordering entries — is detected.</summary>
public sealed class AuditTamperTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"qnet-audit-{Guid.NewGuid():N}");
    private string DbPath => Path.Combine(_directory, "kms.db");

    public async Task InitializeAsync()
    {
        await using var store = await KmsStoreFactory.OpenAsync(DbPath, TestData.MasterKey);
        for (var i = 0; i < 6; i++)
        {
            await store.RegisterSaeAsync(new SaeRegistration($"sae-{i}", i % 2 == 0 ? "alice" : "bob"), TestData.Epoch.AddSeconds(i));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private async Task<AuditVerification> VerifyAsync(MasterKey? key = null, AuditCheckpoint? checkpoint = null)
    {
        await using var store = await KmsStoreFactory.OpenAsync(DbPath, TestData.MasterKey);
        return AuditVerifier.Verify(await store.ReadAuditAsync(), key ?? TestData.MasterKey, checkpoint);
    }

    private async Task<AuditCheckpoint> CheckpointNowAsync()
    {
        var head = await VerifyAsync();
        Assert.True(AuditCheckpoint.TryParse(head.Checkpoint, out var checkpoint, out var error), error);
        return checkpoint!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, $"tampering statement changed nothing: {sql}");
    }

    [Fact]
    public async Task Verify_Untouched_IntactWithAllEntries()
    {
        var result = await VerifyAsync();
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(6, result.VerifiedEntries);
        Assert.Equal(64, result.HeadHash!.Length);
    }

    [Fact]
    public async Task Verify_EntryEdited_DetectedAtThatEntry()
    {
        Execute("UPDATE kms_audit SET detail = 'kme=mallory' WHERE seq = 3");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Contains("edited", result.Problem);
    }

    [Fact]
    public async Task Verify_EntryRemoved_DetectedAsGap()
    {
        Execute("DELETE FROM kms_audit WHERE seq = 4");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("removed", result.Problem);
    }

    [Fact]
    public async Task Verify_EntriesRenumberedAfterRemoval_DetectedByBrokenLink()
    {
        Execute("DELETE FROM kms_audit WHERE seq = 2");
        Execute("UPDATE kms_audit SET seq = seq - 1 WHERE seq > 2");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_TwoEntriesSwapped_DetectedAsReordered()
    {
        // Swap entries 2 and 3 entirely (content and hashes), keeping sequence numbers in place.
        Execute("UPDATE kms_audit SET seq = -2 WHERE seq = 2");
        Execute("UPDATE kms_audit SET seq = 2 WHERE seq = 3");
        Execute("UPDATE kms_audit SET seq = 3 WHERE seq = -2");
        var result = await VerifyAsync();
        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_WrongMasterKey_DetectedAtFirstEntry()
    {
        var result = await VerifyAsync(MasterKey.FromBytes(new byte[32]));
        Assert.False(result.IsIntact);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_TailRemoved_IntactWithoutCheckpointBrokenWithIt()
    {
        var checkpoint = await CheckpointNowAsync();
        Execute("DELETE FROM kms_audit WHERE seq >= 5");

        // The chain alone cannot tell: what is left is a valid, shorter trail.
        Assert.True((await VerifyAsync()).IsIntact);
        var result = await VerifyAsync(checkpoint: checkpoint);
        Assert.False(result.IsIntact);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("removed from its tail", result.Problem);
    }

    [Fact]
    public async Task Verify_CheckpointStillPresentAfterMoreEntries_Intact()
    {
        var checkpoint = await CheckpointNowAsync();
        await using (var store = await KmsStoreFactory.OpenAsync(DbPath, TestData.MasterKey))
        {
            await store.RegisterSaeAsync(new SaeRegistration("sae-late", "alice"), TestData.Epoch.AddMinutes(1));
        }

        var result = await VerifyAsync(checkpoint: checkpoint);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(7, result.VerifiedEntries);
    }

    [Fact]
    public async Task Verify_CheckpointHashDiffers_BrokenAtThatEntry()
    {
        var recorded = await CheckpointNowAsync();
        var forged = new AuditCheckpoint(recorded.Sequence, recorded.Hash.Select(b => (byte)(b ^ 0xff)).ToArray());
        var result = await VerifyAsync(checkpoint: forged);
        Assert.False(result.IsIntact);
        Assert.Equal(6, result.FirstBadSequence);
        Assert.Contains("checkpoint", result.Problem);
    }

    [Theory]
    [InlineData("12", "expected SEQ:HASH")]
    [InlineData("0:00", "not a positive whole number")]
    [InlineData("3:xyz", "not hexadecimal")]
    [InlineData("3:abcd", "expected 32")]
    public void TryParse_Malformed_ErrorNamesTheProblem(string text, string expected)
    {
        Assert.False(AuditCheckpoint.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }
}
