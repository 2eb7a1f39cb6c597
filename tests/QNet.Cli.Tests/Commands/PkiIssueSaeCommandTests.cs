using Microsoft.Data.Sqlite;

namespace QNet.Cli.Tests.Commands;

/// <summary><c>qnet pki issue-sae</c> on an SAE that exists: refused without <c>--force</c>; replaced, revoked and audited with it.</summary>
public sealed class PkiIssueSaeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-issue-sae-cli-{Guid.NewGuid():N}");
    private string Data => Path.Combine(_root, "data");
    private string MasterKey => Path.Combine(_root, "secrets", "master.key");
    private string Certificate => Path.Combine(Data, "pki", "sae-bob.crt");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private QnetProcess.Result Qnet(params string[] args) => QnetProcess.Run([.. args, "--data", Data, "--master-key", MasterKey]);

    [Fact]
    public async Task IssueSae_ExistingSaeWithoutForce_Exit2NamingForceCertificateUnchanged()
    {
        await KmsTestStore.CreateAsync(Data, MasterKey);
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-bob", "--node", "bob").ExitCode);
        var before = File.ReadAllBytes(Certificate);

        var again = Qnet("pki", "issue-sae", "sae-bob", "--node", "carol");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("SAE 'sae-bob' already exists: it is registered at KME 'bob'. Pass --force to replace it", again.StdErr.ReplaceLineEndings(" "));
        Assert.DoesNotContain("   at ", again.StdErr);
        Assert.Equal(before, File.ReadAllBytes(Certificate));
    }

    [Fact]
    public async Task IssueSae_ExistingSaeWithForce_NewCertificateOldSerialRevokedAndAudited()
    {
        await KmsTestStore.CreateAsync(Data, MasterKey);
        Assert.Equal(0, Qnet("pki", "issue-sae", "sae-bob", "--node", "bob").ExitCode);
        using var old = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Certificate);

        var forced = Qnet("pki", "issue-sae", "sae-bob", "--node", "carol", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains($"revoked the previous certificate (serial {old.SerialNumber})", forced.StdOut);
        using var renewed = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Certificate);
        Assert.NotEqual(old.SerialNumber, renewed.SerialNumber);
        Assert.Contains(File.ReadLines(Path.Combine(Data, "pki", "revoked-serials.txt")), l => l.StartsWith(old.SerialNumber + " sae-bob ", StringComparison.Ordinal));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "kms.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var audit = connection.CreateCommand();
        audit.CommandText = "SELECT detail FROM kms_audit WHERE action = 'sae.replace' AND subject = 'sae-bob'";
        Assert.Equal($"kme=bob->carol revoked_serial={old.SerialNumber}", audit.ExecuteScalar());
        Assert.Equal(0, Qnet("audit", "verify").ExitCode);
    }
}
