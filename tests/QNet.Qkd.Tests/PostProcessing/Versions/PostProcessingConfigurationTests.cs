using QNet.Qkd.PostProcessing.Versions;

namespace QNet.Qkd.Tests.PostProcessing.Versions;

public class PostProcessingConfigurationTests
{
    private static PostProcessingConfiguration V(int version) => PostProcessingVersions.Find(version)!;

    [Fact]
    public void InteroperatesWith_VersionsDifferOnlyInCascadePasses_True()
    {
        Assert.NotEqual(V(1).CascadePasses, V(2).CascadePasses);

        Assert.True(V(1).InteroperatesWith(V(2)));
        Assert.True(V(2).InteroperatesWith(V(1)));
        Assert.Empty(V(1).Incompatibilities(V(2)));
    }

    [Fact]
    public void Incompatibilities_CurrentAgainstVersion4_NamesEveryStageDerivedDifferently()
    {
        Assert.False(V(2).InteroperatesWith(V(4)));
        Assert.Equal(["Cascade shuffle seeds", "verification hash points", "privacy-amplification seed"], V(2).Incompatibilities(V(4)));
        Assert.Equal(["privacy-amplification seed"], V(2).Incompatibilities(V(3)));
        Assert.Equal(["Cascade shuffle seeds", "verification hash points"], V(3).Incompatibilities(V(4)));
    }

    [Fact]
    public void Find_UnknownVersion_Null()
    {
        Assert.Null(PostProcessingVersions.Find(99));
        Assert.Equal("1, 2, 3, 4", PostProcessingVersions.Known);
        Assert.Equal(PostProcessingVersions.Current, PostProcessingVersions.Default.Version);
    }

    [Theory]
    [InlineData(0, 4, "Version")]
    [InlineData(2, 0, "CascadePasses")]
    [InlineData(2, 17, "CascadePasses")]
    public void Constructor_OutOfRange_ThrowsNamingField(int version, int passes, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PostProcessingConfiguration(version, passes, SeedDerivation.Announced, SeedDerivation.Announced, SeedDerivation.Announced));

        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void Set_ResponderMoves_InitiatorUnchangedAndPairReadTogether()
    {
        var ends = new QkdEndConfigurations();

        ends.Set(QkdLinkEnd.Responder, V(4));

        Assert.Equal((V(2), V(4)), ends.Current);
        Assert.Same(V(2), ends.Of(QkdLinkEnd.Initiator));
        Assert.Same(V(4), ends.Of(QkdLinkEnd.Responder));
    }
}
