using QNet.Network.Scenarios;
using QNet.Network.Scenarios.Loading;
using static QNet.Network.Tests.Scenarios.ErrorAssert;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Files that are not scenarios, or that carry YAML features a scenario has no use for, are refused without repeating their content.</summary>
public sealed class ScenarioLoaderHostileContentTests
{
    [Theory]
    [InlineData("nodes: !!python/object/apply:os.system [\"rm -rf /\"]", 2, "!!python/object/apply:os.system")]
    [InlineData("nodes:\n  - { id: a, kind: !end end }", 3, "!end")]
    [InlineData("nodes:\n  - !!map { id: a, kind: end }", 3, "!!map")]
    [InlineData("nodes: [ { id: a, kind: end } ]\nduration: !!str 10s", 3, "!!str")]
    [InlineData("nodes: [ { id: a, kind: end } ]\nseed: !<tag:example.com,2026:x> 3", 3, "tag:example.com,2026:x")]
    public void Parse_YamlTag_RefusedAtItsLine(string body, int line, string tag)
    {
        ScenarioError error = OnlyError("name: t\n" + body + "\n");

        Assert.Equal((line, ScenarioError.FileField), (error.Line, error.Field));
        Assert.Contains($"YAML tags are not allowed in a scenario file (found '{tag}')", error.Message);
    }

    [Fact]
    public void Parse_LongUnknownKey_QuotesOnlyAShortExcerpt()
    {
        string secret = "AKIAIOSFODNN7EXAMPLE_wJalrXUtnFEMI_K7MDENG_bPxRfiCYEXAMPLEKEY";

        ScenarioError error = OnlyError($"name: t\nnodes: [ {{ id: a, kind: end }} ]\n{secret}: 1\n");

        Assert.Equal(3, error.Line);
        Assert.StartsWith("unknown key '", error.Message);
        Assert.DoesNotContain(secret[Excerpt.MaxLength..], error.Message + error.Field);
        Assert.Contains(secret[..Excerpt.MaxLength] + "…", error.Message);
    }

    [Fact]
    public void Parse_KeyWithControlCharacters_ShowsThemAsQuestionMarks()
    {
        ScenarioError error = OnlyError("name: t\nnodes: [ { id: a, kind: end } ]\n\"\\e[2Jx\\ny\": 1\n");

        Assert.Contains("unknown key '?[2Jx?y'", error.Message);
        Assert.DoesNotContain('\u001b', error.Message + error.Field);
        Assert.DoesNotContain('\n', error.Message + error.Field);
    }

    [Fact]
    public void Parse_SecretValueWhereAListBelongs_QuotesOnlyAShortExcerpt()
    {
        string secret = "-----BEGIN-PRIVATE-KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

        ScenarioError error = OnlyError($"name: t\nnodes: {secret}\n");

        Assert.Equal("nodes", error.Field);
        Assert.DoesNotContain(secret[Excerpt.MaxLength..], error.Message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("short", "short")]
    [InlineData("tab\there", "tab?here")]
    [InlineData("bidi\u202Eevil", "bidi?evil")]
    public void Of_Text_SanitisedExcerpt(string text, string expected) => Assert.Equal(expected, Excerpt.Of(text));

    [Fact]
    public void Of_SurrogatePairAtTheCut_NeverSplitsIt()
    {
        string text = new string('a', Excerpt.MaxLength - 1) + "\U0001F600" + "tail";

        Assert.Equal(new string('a', Excerpt.MaxLength - 1) + "…", Excerpt.Of(text));
    }
}
