namespace QNet.Cli.Tests;

/// <summary>
/// Every verb refuses an option it does not know (a typo such as <c>--run</c> for <c>--runs</c> would otherwise be
/// ignored and the run go ahead with the default), with exit code 2 and the option's name on standard error.
/// </summary>
public sealed class UnknownOptionTests
{
    [Theory]
    [InlineData("'run'", "simulate", "scenarios/two-node-50km.yaml", "--duration", "1s", "--run", "2")]
    [InlineData("'repeater'", "plan", "--distance", "100km", "--repeater", "2")]
    [InlineData("'verbose'", "version", "--verbose")]
    public void Verb_UnknownOption_ExitsTwoNamingIt(string named, params string[] args)
    {
        var r = QnetProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"Unknown option {named}", r.StdErr);
    }
}
