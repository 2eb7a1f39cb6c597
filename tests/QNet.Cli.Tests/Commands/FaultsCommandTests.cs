namespace QNet.Cli.Tests;

public class FaultsCommandTests
{
    [Fact]
    public void Inject_UnknownKind_ExitsTwoNamingKindAndTheAllowedKinds()
    {
        var r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, ["faults", "inject", "meteor", "alice-r1", "--token", "t"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown fault kind 'meteor'", r.StdErr);
        Assert.Contains("calibration-drift", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }

    [Fact]
    public void Inject_MissingMagnitude_ExitsTwoWithTheUnit()
    {
        var r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, ["faults", "inject", "attenuation-step", "alice-r1", "--token", "t"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("MAGNITUDE is required for attenuation-step (dB/km)", r.StdErr);
    }

    [Fact]
    public void List_NoServerThere_SaysSoWithoutExceptionText()
    {
        var r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, ["faults", "list", "--url", "http://127.0.0.1:1", "--token", "t"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot reach the control plane at http://127.0.0.1:1", r.StdErr);
        Assert.DoesNotContain("Exception", r.StdErr);
    }
}
