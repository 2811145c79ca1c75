using Matchmaker.DemoData;
using Matchmaker.Profiles;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.DemoData;

/// <summary>The synthetic demo data: deterministic, valid, shaped like the Far East's exports.</summary>
public sealed class DemoDataTests
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
}
