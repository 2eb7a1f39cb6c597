namespace QNet.Cli.Tests;

/// <summary>
/// Verbs that need existing data refuse a folder without any instead of creating a fresh store beside the running
/// service's (whose tokens, SAEs and policies it would then never see).
/// </summary>
public sealed class RequiredDataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-required-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("token", "create", "--role", "operator")]
    [InlineData("pki", "issue-sae", "sae-alice", "--node", "alice")]
    [InlineData("kms", "policy", "sae-alice", "sae-bob", "hybrid")]
    [InlineData("audit", "verify")]
    public void Verb_DataFolderWithoutQNetData_ExitTwoSayingSoAndCreatesNothing(params string[] verb)
    {
        var data = Path.Combine(_root, "qnet-dat"); // a typo of the running service's folder
        var masterKey = Path.Combine(_root, "secrets", "master.key");
        string[] keyOption = verb[0] == "token" ? [] : ["--master-key", masterKey];
        var result = QnetProcess.Run([.. verb, "--data", data, .. keyOption]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no QNet data in {data}; start `qnet up --data {data}` first or pass --data", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
        Assert.False(File.Exists(masterKey));
    }
}
