using Matchmaker.Profiles;

namespace Matchmaker.Tests.Profiles;

/// <summary>HS codes and the embedded ISO code lists.</summary>
public sealed class CodeTests
{
    [Theory]
    [InlineData("030367", "030367", 6)]
    [InlineData("030367", "030389", 4)]
    [InlineData("030367", "030494", 2)]
    [InlineData("030367", "440711", 0)]
    [InlineData("0303", "030367", 4)]
    public void Hs_match_depth_counts_shared_levels(string wanted, string offered, int depth)
    {
        Assert.Equal(depth, HsCode.MatchDepth(wanted, offered));
    }

    [Fact]
    public void The_embedded_code_lists_are_complete()
    {
        Assert.Equal(249, IsoCodes.Countries.Count);
        Assert.Equal(183, IsoCodes.Languages.Count);
    }
}
