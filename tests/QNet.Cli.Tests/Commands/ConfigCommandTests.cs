namespace QNet.Cli.Tests;

/// <summary><c>qnet config</c> verbs fail with one clear line when no control plane answers.</summary>
public class ConfigCommandTests
{
    [Fact]
    public void Change_NoServerThere_SaysSoWithoutExceptionText()
    {
        var r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, ["config", "change", "bright-state-population", "0.012", "--url", "http://127.0.0.1:1", "--token", "t"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot reach the control plane at http://127.0.0.1:1", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }

    [Fact]
    public void List_NoServerThere_ExitsOneWithoutExceptionText()
    {
        var r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, ["config", "list", "--url", "http://127.0.0.1:1", "--token", "t"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot reach the control plane at http://127.0.0.1:1", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }
}
