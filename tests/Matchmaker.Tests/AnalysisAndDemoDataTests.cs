using Matchmaker.DemoData;
using Matchmaker.Index;
using Matchmaker.Profiles;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests;

public sealed class AnalysisAndDemoDataTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        static string Dump(int seed)
        {
            var g = new DemoDataGenerator(seed, AsOf);
            return string.Join('\n', g.Exporters(200).Select(e => $"{e.Id}|{e.Name}|{e.Region}|{string.Join(',', e.Products.Select(p => p.HsCode + ":" + p.AnnualCapacity))}|{string.Join(',', e.Certifications)}"))
                + string.Join('\n', g.Inquiries(100).Select(q => $"{q.Id}|{q.BuyerCountry}|{q.Title}|{string.Join(',', q.HsCodes)}|{q.Quantity}|{q.ValidUntil}"));
        }

        Assert.Equal(Dump(7), Dump(7));
        Assert.NotEqual(Dump(7), Dump(8));
    }

    [Fact]
    public void Demo_records_are_valid_and_look_like_the_far_east_export_structure()
    {
        var g = new DemoDataGenerator(42, AsOf);
        var exporters = g.Exporters(2_000).Select(e => ProfileValidator.Prepare(e)).ToList();
        var inquiries = g.Inquiries(1_000).Select(q => ProfileValidator.Prepare(q)).ToList();

        Assert.True(exporters.Count(e => e.Region == "RU-KHA") > exporters.Count / 2);
        var chapters = exporters.SelectMany(e => e.Products).GroupBy(p => p.HsCode[..2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(chapters["44"] > 300 && chapters["03"] > 300, "timber (44) and fish (03) lead the mix");
        Assert.Contains(exporters, e => e.Description.Any(c => c is >= 'а' and <= 'я'));
        Assert.True(inquiries.Count(q => q.BuyerCountry is "CN" or "KR" or "JP") > inquiries.Count / 2);
        Assert.Contains(inquiries, q => !q.IsOpenAt(AsOf));
        Assert.True(inquiries.Count(q => q.IsOpenAt(AsOf)) > inquiries.Count * 3 / 4);
    }

    [Fact]
    public void Demo_hs_codes_exist_in_the_hs_nomenclature_when_it_is_present()
    {
        var file = Path.Combine(RepoPaths.SharedData, "harmonized-system", "harmonized-system.csv");
        if (!File.Exists(file))
        {
            return; // the reference data is optional; the product never needs it
        }

        var known = File.ReadLines(file).Skip(1).Select(l => l.Split(',')[1]).ToHashSet(StringComparer.Ordinal);
        var used = new DemoDataGenerator(1, AsOf).Exporters(3_000).SelectMany(e => e.Products).Select(p => p.HsCode).Distinct();
        Assert.All(used, code => Assert.Contains(code, known));
    }

    [Theory]
    [InlineData("Frozen Pollock Fillets", "frozen pollock fillet")]
    [InlineData("Минтай мороженый", "минта морожен")]
    [InlineData("冷冻鱼", "冷冻 冻鱼")]
    [InlineData("the fish and the crab", "fish crab")]
    public void The_analyzer_stems_drops_stop_words_and_bigrams_cjk(string text, string expected)
    {
        var terms = SearchIndex.Analyzer.Terms("text", text, 20);

        Assert.Equal(expected.Split(' '), terms);
    }

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
