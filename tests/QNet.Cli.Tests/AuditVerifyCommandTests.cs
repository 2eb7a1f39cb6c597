using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace QNet.Cli.Tests;

/// <summary><c>qnet audit verify</c> as an auditor runs it: record the printed checkpoint, pass it to a later verify.</summary>
public sealed partial class AuditVerifyCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-audit-cli-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => Path.Combine(_root, "secrets", "master.key");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private QnetProcess.Result Qnet(params string[] args) => QnetProcess.Run([.. args, "--data", Data, "--master-key", MasterKey]);

    /// <summary>A store as `qnet up` or `qnet kms serve` leaves it (the verbs below refuse to create one), with two SAEs registered by the CLI.</summary>
    private async Task CreateStoreWithTwoSaesAsync()
    {
        await KmsTestStore.CreateAsync(Data, MasterKey);
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-alice", "--node", "alice").ExitCode);
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-bob", "--node", "bob").ExitCode);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "kms.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private bool AuditTableExists()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "kms.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'kms_audit'";
        return (long)command.ExecuteScalar()! == 1;
    }

    [Fact]
    public async Task AuditVerify_AuditTableDropped_ExitOneSayingSoAndTableNotRecreated()
    {
        await CreateStoreWithTwoSaesAsync();
        Execute("DROP TABLE kms_audit");
        var result = Qnet("audit", "verify");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no audit table", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("intact", result.StdOut, StringComparison.Ordinal);
        Assert.False(AuditTableExists());
    }

    [Fact]
    public async Task AuditVerify_OtherMasterKey_ExitTwoSayingTheKeyIsNotTheStores()
    {
        await CreateStoreWithTwoSaesAsync();
        var other = Path.Combine(_root, "other", "master.key");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.WriteAllText(other, Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray()));
        var result = QnetProcess.Run("audit", "verify", "--data", Data, "--master-key", other);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not this store's key", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("edited", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerify_MasterKeyFileMissing_ExitTwoNamingTheFileAndNoneCreated()
    {
        Directory.CreateDirectory(Data);
        File.WriteAllBytes(Path.Combine(Data, "kms.db"), []);
        var result = Qnet("audit", "verify");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(MasterKey, result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(MasterKey));
    }

    [Fact]
    public async Task AuditVerify_TailRemovedAfterCheckpoint_ExitOneNamingTheTail()
    {
        await CreateStoreWithTwoSaesAsync();
        var first = Qnet("audit", "verify");
        Assert.Equal(0, first.ExitCode);
        var checkpoint = CheckpointLine().Match(first.StdOut);
        Assert.True(checkpoint.Success, first.StdOut);

        Assert.Equal(0, Qnet("audit", "verify", "--checkpoint", checkpoint.Groups[1].Value).ExitCode);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "kms.db")};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM kms_audit WHERE seq = (SELECT MAX(seq) FROM kms_audit)";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }
        Assert.Equal(0, Qnet("audit", "verify").ExitCode); // the shorter chain alone looks intact
        var broken = Qnet("audit", "verify", "--checkpoint", checkpoint.Groups[1].Value);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("removed from its tail", broken.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerify_MalformedCheckpoint_ErrorNamesTheOption()
    {
        var result = Qnet("audit", "verify", "--checkpoint", "seven:abc");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--checkpoint", result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.Contains("not a positive whole number", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"--checkpoint (\d+:[0-9a-f]{64})")]
    private static partial Regex CheckpointLine();
}
