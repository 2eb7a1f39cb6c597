namespace QNet.Cli.Tests;

/// <summary>Every verb's help renders: descriptions are Spectre markup, so a bracket like [MAGNITUDE] must be escaped.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("faults", "--help")]
    [InlineData("faults", "inject", "--help")]
    [InlineData("faults", "list", "--help")]
    [InlineData("faults", "clear", "--help")]
    [InlineData("incident", "--help")]
    [InlineData("incident", "list", "--help")]
    [InlineData("incident", "show", "--help")]
    [InlineData("incident", "ack", "--help")]
    [InlineData("incident", "resolve", "--help")]
    [InlineData("incident", "report", "--help")]
    [InlineData("config", "--help")]
    [InlineData("config", "change", "--help")]
    [InlineData("config", "list", "--help")]
    [InlineData("config", "show", "--help")]
    [InlineData("config", "abort", "--help")]
    [InlineData("simulate", "--help")]
    [InlineData("up", "--help")]
    public void Help_Verb_ExitsZero(params string[] args) => Assert.Equal(0, QNetApp.Create().Run(args));
}
