using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace QNet.Cli.Tests;

/// <summary><c>qnet audit verify</c> as an auditor runs it: record the printed checkpoint, pass it to a later verify.</summary>
public sealed partial class AuditVerifyCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"qnet-audit-cli-{Guid.NewGuid():N}");
    private string Data => Path.Combine(root, "data");
    private string MasterKey => Path.Combine(root, "secrets", "master.key");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    private QnetProcess.Result Qnet(params string[] args) => QnetProcess.Run([.. args, "--data", Data, "--master-key", MasterKey]);

    [Fact]
    public void AuditVerify_TailRemovedAfterCheckpoint_ExitOneNamingTheTail()
    {
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-alice", "--node", "alice").ExitCode);
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-bob", "--node", "bob").ExitCode);
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
