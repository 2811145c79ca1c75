using Matchmaker.Index;

namespace Matchmaker.Tests.Index;

/// <summary>The one analyzer for every language.</summary>
public sealed class AnalyzerTests
{
    [Theory]
    [InlineData("Frozen Pollock Fillets", "frozen pollock fillet")]
    [InlineData("Минтай мороженый", "минта морожен")]
    [InlineData("冷冻鱼", "冷冻 冻鱼")]
    [InlineData("the fish and the crab", "fish crab")]
    [InlineData("THE Fish AND The Crab", "fish crab")]
    [InlineData("Икра И рыба ДЛЯ ресторанов", "икр рыб ресторан")]
    public void The_analyzer_stems_drops_stop_words_and_bigrams_cjk(string text, string expected)
    {
        var terms = SearchIndex.Analyzer.Terms("text", text, 20);

        Assert.Equal(expected.Split(' '), terms);
    }
}
